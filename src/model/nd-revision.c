/* nd-revision.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-revision.h"

/**
 * NdRevision:
 *
 * One kept state of an edition's text, as the revision browser lists it.
 */
struct _NdRevision
{
  GObject parent_instance;

  gint64 id;
  gint64 edition_id;
  gint64 revision;
  gint64 created_at;
  gint64 saved_at;
  char *headline;
  char *standfirst;
  char *dateline_city;
  char *body;
  int word_count;
  gboolean pinned;
};

G_DEFINE_FINAL_TYPE (NdRevision, nd_revision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EDITION_ID,
  PROP_REVISION,
  PROP_CREATED_AT,
  PROP_SAVED_AT,
  PROP_HEADLINE,
  PROP_STANDFIRST,
  PROP_DATELINE_CITY,
  PROP_BODY,
  PROP_WORD_COUNT,
  PROP_PINNED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_revision_finalize (GObject *object)
{
  NdRevision *self = (NdRevision *)object;

  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->standfirst, g_free);
  g_clear_pointer (&self->dateline_city, g_free);
  g_clear_pointer (&self->body, g_free);

  G_OBJECT_CLASS (nd_revision_parent_class)->finalize (object);
}

static void
nd_revision_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NdRevision *self = ND_REVISION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_EDITION_ID:
      g_value_set_int64 (value, self->edition_id);
      break;

    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_SAVED_AT:
      g_value_set_int64 (value, self->saved_at);
      break;

    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;

    case PROP_STANDFIRST:
      g_value_set_string (value, self->standfirst);
      break;

    case PROP_DATELINE_CITY:
      g_value_set_string (value, self->dateline_city);
      break;

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_WORD_COUNT:
      g_value_set_int (value, self->word_count);
      break;

    case PROP_PINNED:
      g_value_set_boolean (value, self->pinned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_revision_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NdRevision *self = ND_REVISION (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_revision_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_EDITION_ID:
      nd_revision_set_edition_id (self, g_value_get_int64 (value));
      break;

    case PROP_REVISION:
      nd_revision_set_revision (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      nd_revision_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_SAVED_AT:
      nd_revision_set_saved_at (self, g_value_get_int64 (value));
      break;

    case PROP_HEADLINE:
      nd_revision_set_headline (self, g_value_get_string (value));
      break;

    case PROP_STANDFIRST:
      nd_revision_set_standfirst (self, g_value_get_string (value));
      break;

    case PROP_DATELINE_CITY:
      nd_revision_set_dateline_city (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      nd_revision_set_body (self, g_value_get_string (value));
      break;

    case PROP_WORD_COUNT:
      nd_revision_set_word_count (self, g_value_get_int (value));
      break;

    case PROP_PINNED:
      nd_revision_set_pinned (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_revision_class_init (NdRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_revision_finalize;
  object_class->get_property = nd_revision_get_property;
  object_class->set_property = nd_revision_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_EDITION_ID] =
    g_param_spec_int64 ("edition-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SAVED_AT] =
    g_param_spec_int64 ("saved-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STANDFIRST] =
    g_param_spec_string ("standfirst", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_DATELINE_CITY] =
    g_param_spec_string ("dateline-city", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_WORD_COUNT] =
    g_param_spec_int ("word-count", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PINNED] =
    g_param_spec_boolean ("pinned", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_revision_init (NdRevision *self)
{
}

NdRevision *
nd_revision_new (void)
{
  return g_object_new (ND_TYPE_REVISION, NULL);
}

gint64
nd_revision_get_id (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->id;
}

void
nd_revision_set_id (NdRevision *self,
                      gint64 id)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
nd_revision_get_edition_id (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->edition_id;
}

void
nd_revision_set_edition_id (NdRevision *self,
                              gint64 edition_id)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (self->edition_id == edition_id)
    return;

  self->edition_id = edition_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EDITION_ID]);
}

gint64
nd_revision_get_revision (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->revision;
}

void
nd_revision_set_revision (NdRevision *self,
                            gint64 revision)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (self->revision == revision)
    return;

  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVISION]);
}

gint64
nd_revision_get_created_at (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->created_at;
}

void
nd_revision_set_created_at (NdRevision *self,
                              gint64 created_at)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

gint64
nd_revision_get_saved_at (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->saved_at;
}

void
nd_revision_set_saved_at (NdRevision *self,
                            gint64 saved_at)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (self->saved_at == saved_at)
    return;

  self->saved_at = saved_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVED_AT]);
}

const char *
nd_revision_get_headline (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), NULL);

  return self->headline;
}

void
nd_revision_set_headline (NdRevision *self,
                            const char *headline)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (g_strcmp0 (self->headline, headline) == 0)
    return;

  g_free (self->headline);
  self->headline = g_strdup (headline);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HEADLINE]);
}

const char *
nd_revision_get_standfirst (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), NULL);

  return self->standfirst;
}

void
nd_revision_set_standfirst (NdRevision *self,
                              const char *standfirst)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (g_strcmp0 (self->standfirst, standfirst) == 0)
    return;

  g_free (self->standfirst);
  self->standfirst = g_strdup (standfirst);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STANDFIRST]);
}

const char *
nd_revision_get_dateline_city (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), NULL);

  return self->dateline_city;
}

void
nd_revision_set_dateline_city (NdRevision *self,
                                 const char *dateline_city)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (g_strcmp0 (self->dateline_city, dateline_city) == 0)
    return;

  g_free (self->dateline_city);
  self->dateline_city = g_strdup (dateline_city);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATELINE_CITY]);
}

const char *
nd_revision_get_body (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), NULL);

  return self->body;
}

void
nd_revision_set_body (NdRevision *self,
                        const char *body)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BODY]);
}

int
nd_revision_get_word_count (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->word_count;
}

void
nd_revision_set_word_count (NdRevision *self,
                              int word_count)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (self->word_count == word_count)
    return;

  self->word_count = word_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WORD_COUNT]);
}

gboolean
nd_revision_get_pinned (NdRevision *self)
{
  g_return_val_if_fail (ND_IS_REVISION (self), 0);

  return self->pinned;
}

void
nd_revision_set_pinned (NdRevision *self,
                          gboolean pinned)
{
  g_return_if_fail (ND_IS_REVISION (self));

  if (self->pinned == pinned)
    return;

  self->pinned = pinned;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PINNED]);
}

