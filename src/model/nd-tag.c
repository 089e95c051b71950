/* nd-tag.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-tag.h"

/**
 * NdTag:
 *
 * A tag concept: one subject ("Afghanistan" / "Афганистан" / "أفغانستان") with its label in each language.
 */
struct _NdTag
{
  GObject parent_instance;

  gint64 id;
  char *uuid;

  NdLocalizedText *labels;
};

G_DEFINE_FINAL_TYPE (NdTag, nd_tag, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_tag_finalize (GObject *object)
{
  NdTag *self = (NdTag *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->labels, nd_localized_text_free);

  G_OBJECT_CLASS (nd_tag_parent_class)->finalize (object);
}

static void
nd_tag_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  NdTag *self = ND_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_tag_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  NdTag *self = ND_TAG (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_tag_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      nd_tag_set_uuid (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_tag_class_init (NdTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_tag_finalize;
  object_class->get_property = nd_tag_get_property;
  object_class->set_property = nd_tag_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_tag_init (NdTag *self)
{
  self->labels = nd_localized_text_new ();
}

NdTag *
nd_tag_new (void)
{
  return g_object_new (ND_TYPE_TAG, NULL);
}

gint64
nd_tag_get_id (NdTag *self)
{
  g_return_val_if_fail (ND_IS_TAG (self), 0);

  return self->id;
}

void
nd_tag_set_id (NdTag *self,
                 gint64 id)
{
  g_return_if_fail (ND_IS_TAG (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
nd_tag_get_uuid (NdTag *self)
{
  g_return_val_if_fail (ND_IS_TAG (self), NULL);

  return self->uuid;
}

void
nd_tag_set_uuid (NdTag *self,
                   const char *uuid)
{
  g_return_if_fail (ND_IS_TAG (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UUID]);
}

NdLocalizedText *
nd_tag_get_labels (NdTag *self)
{
  g_return_val_if_fail (ND_IS_TAG (self), NULL);

  return self->labels;
}

/**
 * nd_tag_get_label:
 * @self: a #NdTag
 * @lang: a language code
 *
 * Returns: (nullable): the tag's label in @lang, or else in another language
 */
const char *
nd_tag_get_label (NdTag      *self,
                  const char *lang)
{
  const char * const langs[] = { lang, NULL };

  g_return_val_if_fail (ND_IS_TAG (self), NULL);

  return nd_localized_text_get_first (self->labels, langs);
}
