/* nd-story.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-story.h"

/**
 * NdStory:
 *
 * One piece of journalism: the facts shared by all its language editions (section, source language, tags, contributors, featured image, related stories) and, when loaded, its editions.
 */
struct _NdStory
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 section_id;
  char *source_lang;
  gint64 featured_media_id;
  gint64 created_at;
  gint64 updated_at;
  gint64 trashed_at;

  GArray    *tag_ids;
  GArray    *contributor_ids;
  GArray    *related_ids;
  GPtrArray *editions;
};

G_DEFINE_FINAL_TYPE (NdStory, nd_story, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_SECTION_ID,
  PROP_SOURCE_LANG,
  PROP_FEATURED_MEDIA_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_TRASHED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_story_finalize (GObject *object)
{
  NdStory *self = (NdStory *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->source_lang, g_free);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->contributor_ids, g_array_unref);
  g_clear_pointer (&self->related_ids, g_array_unref);
  g_clear_pointer (&self->editions, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_story_parent_class)->finalize (object);
}

static void
nd_story_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  NdStory *self = ND_STORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_SECTION_ID:
      g_value_set_int64 (value, self->section_id);
      break;

    case PROP_SOURCE_LANG:
      g_value_set_string (value, self->source_lang);
      break;

    case PROP_FEATURED_MEDIA_ID:
      g_value_set_int64 (value, self->featured_media_id);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_TRASHED_AT:
      g_value_set_int64 (value, self->trashed_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_story_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  NdStory *self = ND_STORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_story_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      nd_story_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_SECTION_ID:
      nd_story_set_section_id (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE_LANG:
      nd_story_set_source_lang (self, g_value_get_string (value));
      break;

    case PROP_FEATURED_MEDIA_ID:
      nd_story_set_featured_media_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      nd_story_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      nd_story_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_TRASHED_AT:
      nd_story_set_trashed_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_story_class_init (NdStoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_story_finalize;
  object_class->get_property = nd_story_get_property;
  object_class->set_property = nd_story_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SECTION_ID] =
    g_param_spec_int64 ("section-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SOURCE_LANG] =
    g_param_spec_string ("source-lang", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FEATURED_MEDIA_ID] =
    g_param_spec_int64 ("featured-media-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TRASHED_AT] =
    g_param_spec_int64 ("trashed-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_story_init (NdStory *self)
{
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->contributor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->related_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->editions = g_ptr_array_new_with_free_func (g_object_unref);
}

NdStory *
nd_story_new (void)
{
  return g_object_new (ND_TYPE_STORY, NULL);
}

gint64
nd_story_get_id (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), 0);

  return self->id;
}

void
nd_story_set_id (NdStory *self,
                   gint64 id)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
nd_story_get_uuid (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  return self->uuid;
}

void
nd_story_set_uuid (NdStory *self,
                     const char *uuid)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UUID]);
}

gint64
nd_story_get_section_id (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), 0);

  return self->section_id;
}

void
nd_story_set_section_id (NdStory *self,
                           gint64 section_id)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (self->section_id == section_id)
    return;

  self->section_id = section_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SECTION_ID]);
}

const char *
nd_story_get_source_lang (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  return self->source_lang;
}

void
nd_story_set_source_lang (NdStory *self,
                            const char *source_lang)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (g_strcmp0 (self->source_lang, source_lang) == 0)
    return;

  g_free (self->source_lang);
  self->source_lang = g_strdup (source_lang);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE_LANG]);
}

gint64
nd_story_get_featured_media_id (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), 0);

  return self->featured_media_id;
}

void
nd_story_set_featured_media_id (NdStory *self,
                                  gint64 featured_media_id)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (self->featured_media_id == featured_media_id)
    return;

  self->featured_media_id = featured_media_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FEATURED_MEDIA_ID]);
}

gint64
nd_story_get_created_at (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), 0);

  return self->created_at;
}

void
nd_story_set_created_at (NdStory *self,
                           gint64 created_at)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

gint64
nd_story_get_updated_at (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), 0);

  return self->updated_at;
}

void
nd_story_set_updated_at (NdStory *self,
                           gint64 updated_at)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
}

gint64
nd_story_get_trashed_at (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), 0);

  return self->trashed_at;
}

void
nd_story_set_trashed_at (NdStory *self,
                           gint64 trashed_at)
{
  g_return_if_fail (ND_IS_STORY (self));

  if (self->trashed_at == trashed_at)
    return;

  self->trashed_at = trashed_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRASHED_AT]);
}

GArray *
nd_story_get_tag_ids (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  return self->tag_ids;
}

GArray *
nd_story_get_contributor_ids (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  return self->contributor_ids;
}

GArray *
nd_story_get_related_ids (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  return self->related_ids;
}

static void
replace_ids (GArray       *array,
             const gint64 *ids,
             guint         n_ids)
{
  g_array_set_size (array, 0);
  if (n_ids > 0)
    g_array_append_vals (array, ids, n_ids);
}

void
nd_story_set_tag_ids (NdStory      *self,
                      const gint64 *ids,
                      guint         n_ids)
{
  g_return_if_fail (ND_IS_STORY (self));

  replace_ids (self->tag_ids, ids, n_ids);
}

void
nd_story_set_contributor_ids (NdStory      *self,
                              const gint64 *ids,
                              guint         n_ids)
{
  g_return_if_fail (ND_IS_STORY (self));

  replace_ids (self->contributor_ids, ids, n_ids);
}

void
nd_story_set_related_ids (NdStory      *self,
                          const gint64 *ids,
                          guint         n_ids)
{
  g_return_if_fail (ND_IS_STORY (self));

  for (guint i = 0; i < n_ids; i++)
    g_return_if_fail (ids[i] != self->id);

  replace_ids (self->related_ids, ids, n_ids);
}

/**
 * nd_story_get_editions:
 * @self: a #NdStory
 *
 * Returns: (transfer none) (element-type NdEdition): the editions loaded with
 *   the story, in the publication's language order
 */
GPtrArray *
nd_story_get_editions (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  return self->editions;
}

/**
 * nd_story_get_edition:
 * @self: a #NdStory
 * @lang: a language code
 *
 * Returns: (transfer none) (nullable): the edition in @lang
 */
NdEdition *
nd_story_get_edition (NdStory    *self,
                      const char *lang)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  for (guint i = 0; i < self->editions->len; i++)
    {
      NdEdition *edition = g_ptr_array_index (self->editions, i);

      if (g_str_equal (nd_edition_get_lang (edition), lang))
        return edition;
    }

  return NULL;
}

void
nd_story_add_edition (NdStory   *self,
                      NdEdition *edition)
{
  g_return_if_fail (ND_IS_STORY (self));
  g_return_if_fail (ND_IS_EDITION (edition));
  g_return_if_fail (nd_story_get_edition (self, nd_edition_get_lang (edition)) == NULL);

  g_ptr_array_add (self->editions, g_object_ref (edition));
}

/**
 * nd_story_get_source_edition:
 * @self: a #NdStory
 *
 * Returns: (transfer none) (nullable): the edition in the story's source
 *   language, the one the others are translated from
 */
NdEdition *
nd_story_get_source_edition (NdStory *self)
{
  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  if (self->source_lang == NULL)
    return NULL;

  return nd_story_get_edition (self, self->source_lang);
}

/**
 * nd_story_get_headline:
 * @self: a #NdStory
 * @preferred_langs: (nullable): languages in order of preference
 *
 * Returns the headline in the first preferred language that has one, then
 * in the source language, then in any language.
 *
 * Returns: the headline, or "" when no edition has one
 */
const char *
nd_story_get_headline (NdStory            *self,
                       const char * const *preferred_langs)
{
  NdEdition *source;

  g_return_val_if_fail (ND_IS_STORY (self), NULL);

  for (guint i = 0; preferred_langs != NULL && preferred_langs[i] != NULL; i++)
    {
      NdEdition *edition = nd_story_get_edition (self, preferred_langs[i]);

      if (edition != NULL && *nd_edition_get_headline (edition) != '\0')
        return nd_edition_get_headline (edition);
    }

  source = nd_story_get_source_edition (self);
  if (source != NULL && *nd_edition_get_headline (source) != '\0')
    return nd_edition_get_headline (source);

  for (guint i = 0; i < self->editions->len; i++)
    {
      NdEdition *edition = g_ptr_array_index (self->editions, i);

      if (*nd_edition_get_headline (edition) != '\0')
        return nd_edition_get_headline (edition);
    }

  return "";
}

/**
 * nd_story_is_stale:
 * @self: a #NdStory
 * @lang: a language code
 *
 * Returns: %TRUE if the edition in @lang lags behind the source edition
 */
gboolean
nd_story_is_stale (NdStory    *self,
                   const char *lang)
{
  NdEdition *edition;

  g_return_val_if_fail (ND_IS_STORY (self), FALSE);

  edition = nd_story_get_edition (self, lang);
  if (edition == NULL)
    return FALSE;

  return nd_edition_is_stale (edition, nd_story_get_source_edition (self));
}

/**
 * nd_story_update_from:
 * @self: a #NdStory
 * @other: a newer copy of the same story
 *
 * Takes the values of @other, so that a list keeps showing the same object
 * (and keeps it selected) while its content changes.
 */
void
nd_story_update_from (NdStory *self,
                      NdStory *other)
{
  g_return_if_fail (ND_IS_STORY (self));
  g_return_if_fail (ND_IS_STORY (other));
  g_return_if_fail (self->id == other->id);

  g_object_freeze_notify (G_OBJECT (self));
  nd_story_set_uuid (self, other->uuid);
  nd_story_set_section_id (self, other->section_id);
  nd_story_set_source_lang (self, other->source_lang);
  nd_story_set_featured_media_id (self, other->featured_media_id);
  nd_story_set_created_at (self, other->created_at);
  nd_story_set_trashed_at (self, other->trashed_at);
  replace_ids (self->tag_ids, (gint64 *) other->tag_ids->data, other->tag_ids->len);
  replace_ids (self->contributor_ids, (gint64 *) other->contributor_ids->data, other->contributor_ids->len);
  replace_ids (self->related_ids, (gint64 *) other->related_ids->data, other->related_ids->len);
  g_ptr_array_set_size (self->editions, 0);
  for (guint i = 0; i < other->editions->len; i++)
    g_ptr_array_add (self->editions, g_object_ref (g_ptr_array_index (other->editions, i)));
  /* Last, so that a listener of updated-at sees the new editions. */
  nd_story_set_updated_at (self, other->updated_at);
  g_object_thaw_notify (G_OBJECT (self));
}
