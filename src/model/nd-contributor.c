/* nd-contributor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-contributor.h"

/**
 * NdContributor:
 *
 * A person who writes for the publication, with name and role written in each language ("Andrey Serenko — Director, Center for the Study of Afghan Politics").
 */
struct _NdContributor
{
  GObject parent_instance;

  gint64 id;
  char *uuid;

  NdLocalizedText *names;
  NdLocalizedText *roles;
};

G_DEFINE_FINAL_TYPE (NdContributor, nd_contributor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_contributor_finalize (GObject *object)
{
  NdContributor *self = (NdContributor *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->names, nd_localized_text_free);
  g_clear_pointer (&self->roles, nd_localized_text_free);

  G_OBJECT_CLASS (nd_contributor_parent_class)->finalize (object);
}

static void
nd_contributor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NdContributor *self = ND_CONTRIBUTOR (object);

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
nd_contributor_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NdContributor *self = ND_CONTRIBUTOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_contributor_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      nd_contributor_set_uuid (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_contributor_class_init (NdContributorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_contributor_finalize;
  object_class->get_property = nd_contributor_get_property;
  object_class->set_property = nd_contributor_set_property;

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
nd_contributor_init (NdContributor *self)
{
  self->names = nd_localized_text_new ();
  self->roles = nd_localized_text_new ();
}

NdContributor *
nd_contributor_new (void)
{
  return g_object_new (ND_TYPE_CONTRIBUTOR, NULL);
}

gint64
nd_contributor_get_id (NdContributor *self)
{
  g_return_val_if_fail (ND_IS_CONTRIBUTOR (self), 0);

  return self->id;
}

void
nd_contributor_set_id (NdContributor *self,
                         gint64 id)
{
  g_return_if_fail (ND_IS_CONTRIBUTOR (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
nd_contributor_get_uuid (NdContributor *self)
{
  g_return_val_if_fail (ND_IS_CONTRIBUTOR (self), NULL);

  return self->uuid;
}

void
nd_contributor_set_uuid (NdContributor *self,
                           const char *uuid)
{
  g_return_if_fail (ND_IS_CONTRIBUTOR (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UUID]);
}

NdLocalizedText *
nd_contributor_get_names (NdContributor *self)
{
  g_return_val_if_fail (ND_IS_CONTRIBUTOR (self), NULL);

  return self->names;
}

NdLocalizedText *
nd_contributor_get_roles (NdContributor *self)
{
  g_return_val_if_fail (ND_IS_CONTRIBUTOR (self), NULL);

  return self->roles;
}
