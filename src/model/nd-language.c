/* nd-language.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-language.h"

/**
 * NdLanguage:
 *
 * A language of the publication: its code, names, text direction and dateline house style. Languages are data: adding one needs no code.
 */
struct _NdLanguage
{
  GObject parent_instance;

  char *code;
  char *name;
  char *native_name;
  gboolean rtl;
  char *publication_name;
  char *dateline_format;
  int position;
};

G_DEFINE_FINAL_TYPE (NdLanguage, nd_language, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_NATIVE_NAME,
  PROP_RTL,
  PROP_PUBLICATION_NAME,
  PROP_DATELINE_FORMAT,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_language_finalize (GObject *object)
{
  NdLanguage *self = (NdLanguage *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->native_name, g_free);
  g_clear_pointer (&self->publication_name, g_free);
  g_clear_pointer (&self->dateline_format, g_free);

  G_OBJECT_CLASS (nd_language_parent_class)->finalize (object);
}

static void
nd_language_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NdLanguage *self = ND_LANGUAGE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NATIVE_NAME:
      g_value_set_string (value, self->native_name);
      break;

    case PROP_RTL:
      g_value_set_boolean (value, self->rtl);
      break;

    case PROP_PUBLICATION_NAME:
      g_value_set_string (value, self->publication_name);
      break;

    case PROP_DATELINE_FORMAT:
      g_value_set_string (value, self->dateline_format);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_language_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NdLanguage *self = ND_LANGUAGE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      nd_language_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      nd_language_set_name (self, g_value_get_string (value));
      break;

    case PROP_NATIVE_NAME:
      nd_language_set_native_name (self, g_value_get_string (value));
      break;

    case PROP_RTL:
      nd_language_set_rtl (self, g_value_get_boolean (value));
      break;

    case PROP_PUBLICATION_NAME:
      nd_language_set_publication_name (self, g_value_get_string (value));
      break;

    case PROP_DATELINE_FORMAT:
      nd_language_set_dateline_format (self, g_value_get_string (value));
      break;

    case PROP_POSITION:
      nd_language_set_position (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_language_class_init (NdLanguageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_language_finalize;
  object_class->get_property = nd_language_get_property;
  object_class->set_property = nd_language_set_property;

  properties [PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_NATIVE_NAME] =
    g_param_spec_string ("native-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_RTL] =
    g_param_spec_boolean ("rtl", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PUBLICATION_NAME] =
    g_param_spec_string ("publication-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DATELINE_FORMAT] =
    g_param_spec_string ("dateline-format", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_language_init (NdLanguage *self)
{
}

NdLanguage *
nd_language_new (void)
{
  return g_object_new (ND_TYPE_LANGUAGE, NULL);
}

const char *
nd_language_get_code (NdLanguage *self)
{
  g_return_val_if_fail (ND_IS_LANGUAGE (self), NULL);

  return self->code;
}

void
nd_language_set_code (NdLanguage *self,
                        const char *code)
{
  g_return_if_fail (ND_IS_LANGUAGE (self));

  if (g_strcmp0 (self->code, code) == 0)
    return;

  g_free (self->code);
  self->code = g_strdup (code);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CODE]);
}

const char *
nd_language_get_name (NdLanguage *self)
{
  g_return_val_if_fail (ND_IS_LANGUAGE (self), NULL);

  return self->name;
}

void
nd_language_set_name (NdLanguage *self,
                        const char *name)
{
  g_return_if_fail (ND_IS_LANGUAGE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

const char *
nd_language_get_native_name (NdLanguage *self)
{
  g_return_val_if_fail (ND_IS_LANGUAGE (self), NULL);

  return self->native_name;
}

void
nd_language_set_native_name (NdLanguage *self,
                               const char *native_name)
{
  g_return_if_fail (ND_IS_LANGUAGE (self));

  if (g_strcmp0 (self->native_name, native_name) == 0)
    return;

  g_free (self->native_name);
  self->native_name = g_strdup (native_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NATIVE_NAME]);
}

gboolean
nd_language_get_rtl (NdLanguage *self)
{
  g_return_val_if_fail (ND_IS_LANGUAGE (self), 0);

  return self->rtl;
}

void
nd_language_set_rtl (NdLanguage *self,
                       gboolean rtl)
{
  g_return_if_fail (ND_IS_LANGUAGE (self));

  if (self->rtl == rtl)
    return;

  self->rtl = rtl;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RTL]);
}

const char *
nd_language_get_publication_name (NdLanguage *self)
{
  g_return_val_if_fail (ND_IS_LANGUAGE (self), NULL);

  return self->publication_name;
}

void
nd_language_set_publication_name (NdLanguage *self,
                                    const char *publication_name)
{
  g_return_if_fail (ND_IS_LANGUAGE (self));

  if (g_strcmp0 (self->publication_name, publication_name) == 0)
    return;

  g_free (self->publication_name);
  self->publication_name = g_strdup (publication_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PUBLICATION_NAME]);
}

const char *
nd_language_get_dateline_format (NdLanguage *self)
{
  g_return_val_if_fail (ND_IS_LANGUAGE (self), NULL);

  return self->dateline_format;
}

void
nd_language_set_dateline_format (NdLanguage *self,
                                   const char *dateline_format)
{
  g_return_if_fail (ND_IS_LANGUAGE (self));

  if (g_strcmp0 (self->dateline_format, dateline_format) == 0)
    return;

  g_free (self->dateline_format);
  self->dateline_format = g_strdup (dateline_format);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATELINE_FORMAT]);
}

int
nd_language_get_position (NdLanguage *self)
{
  g_return_val_if_fail (ND_IS_LANGUAGE (self), 0);

  return self->position;
}

void
nd_language_set_position (NdLanguage *self,
                            int position)
{
  g_return_if_fail (ND_IS_LANGUAGE (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

