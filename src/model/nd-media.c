/* nd-media.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-media.h"

/**
 * NdMedia:
 *
 * An image file with its caption, alternative text and credit in each language.
 */
struct _NdMedia
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  char *file;
  char *mime_type;

  NdLocalizedText *captions;
  NdLocalizedText *alts;
  NdLocalizedText *credits;
};

G_DEFINE_FINAL_TYPE (NdMedia, nd_media, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_FILE,
  PROP_MIME_TYPE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_media_finalize (GObject *object)
{
  NdMedia *self = (NdMedia *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->captions, nd_localized_text_free);
  g_clear_pointer (&self->alts, nd_localized_text_free);
  g_clear_pointer (&self->credits, nd_localized_text_free);

  G_OBJECT_CLASS (nd_media_parent_class)->finalize (object);
}

static void
nd_media_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  NdMedia *self = ND_MEDIA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;

    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_media_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  NdMedia *self = ND_MEDIA (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_media_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      nd_media_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_FILE:
      nd_media_set_file (self, g_value_get_string (value));
      break;

    case PROP_MIME_TYPE:
      nd_media_set_mime_type (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_media_class_init (NdMediaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_media_finalize;
  object_class->get_property = nd_media_get_property;
  object_class->set_property = nd_media_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FILE] =
    g_param_spec_string ("file", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_media_init (NdMedia *self)
{
  self->captions = nd_localized_text_new ();
  self->alts = nd_localized_text_new ();
  self->credits = nd_localized_text_new ();
}

NdMedia *
nd_media_new (void)
{
  return g_object_new (ND_TYPE_MEDIA, NULL);
}

gint64
nd_media_get_id (NdMedia *self)
{
  g_return_val_if_fail (ND_IS_MEDIA (self), 0);

  return self->id;
}

void
nd_media_set_id (NdMedia *self,
                   gint64 id)
{
  g_return_if_fail (ND_IS_MEDIA (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
nd_media_get_uuid (NdMedia *self)
{
  g_return_val_if_fail (ND_IS_MEDIA (self), NULL);

  return self->uuid;
}

void
nd_media_set_uuid (NdMedia *self,
                     const char *uuid)
{
  g_return_if_fail (ND_IS_MEDIA (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UUID]);
}

const char *
nd_media_get_file (NdMedia *self)
{
  g_return_val_if_fail (ND_IS_MEDIA (self), NULL);

  return self->file;
}

void
nd_media_set_file (NdMedia *self,
                     const char *file)
{
  g_return_if_fail (ND_IS_MEDIA (self));

  if (g_strcmp0 (self->file, file) == 0)
    return;

  g_free (self->file);
  self->file = g_strdup (file);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

const char *
nd_media_get_mime_type (NdMedia *self)
{
  g_return_val_if_fail (ND_IS_MEDIA (self), NULL);

  return self->mime_type;
}

void
nd_media_set_mime_type (NdMedia *self,
                          const char *mime_type)
{
  g_return_if_fail (ND_IS_MEDIA (self));

  if (g_strcmp0 (self->mime_type, mime_type) == 0)
    return;

  g_free (self->mime_type);
  self->mime_type = g_strdup (mime_type);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MIME_TYPE]);
}

NdLocalizedText *
nd_media_get_captions (NdMedia *self)
{
  g_return_val_if_fail (ND_IS_MEDIA (self), NULL);

  return self->captions;
}

NdLocalizedText *
nd_media_get_alts (NdMedia *self)
{
  g_return_val_if_fail (ND_IS_MEDIA (self), NULL);

  return self->alts;
}

NdLocalizedText *
nd_media_get_credits (NdMedia *self)
{
  g_return_val_if_fail (ND_IS_MEDIA (self), NULL);

  return self->credits;
}
