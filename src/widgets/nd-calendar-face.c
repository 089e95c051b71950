/* nd-calendar-face.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-calendar"

#include "config.h"

#include "nd-calendar-face.h"

/* The minimum width, in average characters: a time, a language code and an
 * ellipsis, as the labels it replaces needed. */
#define MIN_WIDTH_CHARS 11

struct _NdCalendarFace
{
  GtkWidget      parent_instance;

  char          *text;
  PangoAttrList *attrs;
  PangoLayout   *layout;
  gboolean       layout_stale;
  int            line_height;
  int            char_width;
  PangoFontDescription *metrics_font;
};

G_DEFINE_FINAL_TYPE (NdCalendarFace, nd_calendar_face, GTK_TYPE_WIDGET)

/* The line is as tall as the tallest of the desk's scripts needs, so that a
 * headline in any of them fits the same face; found from the font's
 * metrics, without shaping. */
static void
ensure_metrics (NdCalendarFace *self)
{
  static const char *languages[] = { "en", "ru", "ar" };
  PangoContext *context;

  if (self->line_height > 0)
    return;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_clear_pointer (&self->metrics_font, pango_font_description_free);
  self->metrics_font = pango_font_description_copy (pango_context_get_font_description (context));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL,
                                                             pango_language_from_string (languages[i]));
      int height = pango_font_metrics_get_height (metrics);

      if (height <= 0)
        height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
      self->line_height = MAX (self->line_height, PANGO_PIXELS_CEIL (height));
      if (i == 0)
        self->char_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_char_width (metrics));
      pango_font_metrics_unref (metrics);
    }
  self->line_height = MAX (self->line_height, 1);
}

static PangoLayout *
ensure_layout (NdCalendarFace *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->layout_stale = TRUE;
    }
  if (self->layout_stale)
    {
      pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
      pango_layout_set_attributes (self->layout, self->attrs);
      self->layout_stale = FALSE;
    }
  return self->layout;
}

static void
nd_calendar_face_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  NdCalendarFace *self = ND_CALENDAR_FACE (widget);

  ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->char_width * MIN_WIDTH_CHARS;
  else
    *minimum = *natural = self->line_height;
}

static void
nd_calendar_face_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  NdCalendarFace *self = ND_CALENDAR_FACE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA color;

  if (self->text == NULL || width <= 0)
    return;

  layout = ensure_layout (self);
  /* Unchanged widths leave the layout as it was laid out. */
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
forget_metrics (NdCalendarFace *self)
{
  self->line_height = 0;
  g_clear_pointer (&self->metrics_font, pango_font_description_free);
  if (self->layout != NULL)
    pango_layout_context_changed (self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* GtkWidget has updated the Pango context by then. Most changes (hover,
 * focus) leave the font alone, and the face its size. */
static void
nd_calendar_face_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  NdCalendarFace *self = ND_CALENDAR_FACE (widget);
  PangoContext *context;

  GTK_WIDGET_CLASS (nd_calendar_face_parent_class)->css_changed (widget, change);
  if (self->metrics_font == NULL)
    return;
  context = gtk_widget_get_pango_context (widget);
  if (!pango_font_description_equal (self->metrics_font, pango_context_get_font_description (context)))
    forget_metrics (self);
}

/* The font settings: hinting, the text scale. */
static void
nd_calendar_face_system_setting_changed (GtkWidget        *widget,
                                         GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (nd_calendar_face_parent_class)->system_setting_changed (widget, setting);
  forget_metrics (ND_CALENDAR_FACE (widget));
}

static void
nd_calendar_face_finalize (GObject *object)
{
  NdCalendarFace *self = ND_CALENDAR_FACE (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->metrics_font, pango_font_description_free);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (nd_calendar_face_parent_class)->finalize (object);
}

static void
nd_calendar_face_class_init (NdCalendarFaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = nd_calendar_face_finalize;
  widget_class->measure = nd_calendar_face_measure;
  widget_class->snapshot = nd_calendar_face_snapshot;
  widget_class->css_changed = nd_calendar_face_css_changed;
  widget_class->system_setting_changed = nd_calendar_face_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "calendarface");
  /* The item's button has the name and description. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
nd_calendar_face_init (NdCalendarFace *self)
{
}

/**
 * nd_calendar_face_new:
 *
 * Returns: (transfer floating): an empty face
 */
GtkWidget *
nd_calendar_face_new (void)
{
  return g_object_new (ND_TYPE_CALENDAR_FACE, NULL);
}

/**
 * nd_calendar_face_set_text:
 * @text: one line
 * @attrs: (nullable): its attributes, by byte index into @text
 *
 * Replaces the text. It is laid out when next drawn; the face keeps its
 * size.
 */
void
nd_calendar_face_set_text (NdCalendarFace *self,
                           const char     *text,
                           PangoAttrList  *attrs)
{
  g_return_if_fail (ND_IS_CALENDAR_FACE (self));
  g_return_if_fail (text != NULL);

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs != NULL ? pango_attr_list_ref (attrs) : NULL;
  self->layout_stale = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * nd_calendar_face_get_text:
 *
 * Returns: (nullable): the text
 */
const char *
nd_calendar_face_get_text (NdCalendarFace *self)
{
  g_return_val_if_fail (ND_IS_CALENDAR_FACE (self), NULL);
  return self->text;
}
