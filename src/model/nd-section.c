/* nd-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-section.h"

/**
 * NdSection:
 *
 * A section of the publication (News, Opinion…), with its name in each language. Sections map to WordPress categories.
 */
struct _NdSection
{
  GObject parent_instance;

  gint64 id;
  char *slug;
  int position;

  NdLocalizedText *names;
};

G_DEFINE_FINAL_TYPE (NdSection, nd_section, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SLUG,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_section_finalize (GObject *object)
{
  NdSection *self = (NdSection *)object;

  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->names, nd_localized_text_free);

  G_OBJECT_CLASS (nd_section_parent_class)->finalize (object);
}

static void
nd_section_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NdSection *self = ND_SECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_section_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NdSection *self = ND_SECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_section_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_SLUG:
      nd_section_set_slug (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      nd_section_set_position (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_section_class_init (NdSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_section_finalize;
  object_class->get_property = nd_section_get_property;
  object_class->set_property = nd_section_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_section_init (NdSection *self)
{
  self->names = nd_localized_text_new ();
}

NdSection *
nd_section_new (void)
{
  return g_object_new (ND_TYPE_SECTION, NULL);
}

gint64
nd_section_get_id (NdSection *self)
{
  g_return_val_if_fail (ND_IS_SECTION (self), 0);

  return self->id;
}

void
nd_section_set_id (NdSection *self,
                     gint64 id)
{
  g_return_if_fail (ND_IS_SECTION (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
nd_section_get_slug (NdSection *self)
{
  g_return_val_if_fail (ND_IS_SECTION (self), NULL);

  return self->slug;
}

void
nd_section_set_slug (NdSection *self,
                       const char *slug)
{
  g_return_if_fail (ND_IS_SECTION (self));

  if (g_strcmp0 (self->slug, slug) == 0)
    return;

  g_free (self->slug);
  self->slug = g_strdup (slug);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SLUG]);
}

int
nd_section_get_position (NdSection *self)
{
  g_return_val_if_fail (ND_IS_SECTION (self), 0);

  return self->position;
}

void
nd_section_set_position (NdSection *self,
                           int position)
{
  g_return_if_fail (ND_IS_SECTION (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

NdLocalizedText *
nd_section_get_names (NdSection *self)
{
  g_return_val_if_fail (ND_IS_SECTION (self), NULL);

  return self->names;
}

/**
 * nd_section_get_name:
 * @self: a #NdSection
 * @lang: a language code
 *
 * Returns: the section's name in @lang, or in another language, or its slug
 */
const char *
nd_section_get_name (NdSection  *self,
                     const char *lang)
{
  const char * const langs[] = { lang, NULL };
  const char *name;

  g_return_val_if_fail (ND_IS_SECTION (self), NULL);

  name = nd_localized_text_get_first (self->names, langs);
  return name != NULL ? name : self->slug;
}
