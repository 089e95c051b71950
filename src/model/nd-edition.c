/* nd-edition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-edition.h"

/**
 * NdEdition:
 *
 * One language's version of a story: its text, its place in the workflow and where it stands against its source edition.
 */
struct _NdEdition
{
  GObject parent_instance;

  gint64 id;
  gint64 story_id;
  char *lang;
  char *headline;
  char *standfirst;
  char *dateline_city;
  char *body;
  char *slug;
  NdEditionStatus status;
  gint64 publish_at;
  char *translator;
  gint64 revision;
  gint64 source_revision;
  int word_count;
  gint64 updated_at;
};

G_DEFINE_FINAL_TYPE (NdEdition, nd_edition, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STORY_ID,
  PROP_LANG,
  PROP_HEADLINE,
  PROP_STANDFIRST,
  PROP_DATELINE_CITY,
  PROP_BODY,
  PROP_SLUG,
  PROP_STATUS,
  PROP_PUBLISH_AT,
  PROP_TRANSLATOR,
  PROP_REVISION,
  PROP_SOURCE_REVISION,
  PROP_WORD_COUNT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_edition_finalize (GObject *object)
{
  NdEdition *self = (NdEdition *)object;

  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->standfirst, g_free);
  g_clear_pointer (&self->dateline_city, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->slug, g_free);
  g_clear_pointer (&self->translator, g_free);

  G_OBJECT_CLASS (nd_edition_parent_class)->finalize (object);
}

static void
nd_edition_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NdEdition *self = ND_EDITION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_STORY_ID:
      g_value_set_int64 (value, self->story_id);
      break;

    case PROP_LANG:
      g_value_set_string (value, self->lang);
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

    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_PUBLISH_AT:
      g_value_set_int64 (value, self->publish_at);
      break;

    case PROP_TRANSLATOR:
      g_value_set_string (value, self->translator);
      break;

    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;

    case PROP_SOURCE_REVISION:
      g_value_set_int64 (value, self->source_revision);
      break;

    case PROP_WORD_COUNT:
      g_value_set_int (value, self->word_count);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_edition_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NdEdition *self = ND_EDITION (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_edition_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_STORY_ID:
      nd_edition_set_story_id (self, g_value_get_int64 (value));
      break;

    case PROP_LANG:
      nd_edition_set_lang (self, g_value_get_string (value));
      break;

    case PROP_HEADLINE:
      nd_edition_set_headline (self, g_value_get_string (value));
      break;

    case PROP_STANDFIRST:
      nd_edition_set_standfirst (self, g_value_get_string (value));
      break;

    case PROP_DATELINE_CITY:
      nd_edition_set_dateline_city (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      nd_edition_set_body (self, g_value_get_string (value));
      break;

    case PROP_SLUG:
      nd_edition_set_slug (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      nd_edition_set_status (self, g_value_get_enum (value));
      break;

    case PROP_PUBLISH_AT:
      nd_edition_set_publish_at (self, g_value_get_int64 (value));
      break;

    case PROP_TRANSLATOR:
      nd_edition_set_translator (self, g_value_get_string (value));
      break;

    case PROP_REVISION:
      nd_edition_set_revision (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE_REVISION:
      nd_edition_set_source_revision (self, g_value_get_int64 (value));
      break;

    case PROP_WORD_COUNT:
      nd_edition_set_word_count (self, g_value_get_int (value));
      break;

    case PROP_UPDATED_AT:
      nd_edition_set_updated_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_edition_class_init (NdEditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_edition_finalize;
  object_class->get_property = nd_edition_get_property;
  object_class->set_property = nd_edition_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STORY_ID] =
    g_param_spec_int64 ("story-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LANG] =
    g_param_spec_string ("lang", NULL, NULL,
                         NULL,
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

  properties [PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ND_TYPE_EDITION_STATUS, ND_EDITION_STATUS_DRAFT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PUBLISH_AT] =
    g_param_spec_int64 ("publish-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_TRANSLATOR] =
    g_param_spec_string ("translator", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SOURCE_REVISION] =
    g_param_spec_int64 ("source-revision", NULL, NULL,
                        G_MININT64, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_WORD_COUNT] =
    g_param_spec_int ("word-count", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_edition_init (NdEdition *self)
{
  self->status = ND_EDITION_STATUS_DRAFT;
  self->source_revision = -1;
  self->lang = g_strdup ("");
  self->headline = g_strdup ("");
  self->standfirst = g_strdup ("");
  self->dateline_city = g_strdup ("");
  self->body = g_strdup ("");
  self->slug = g_strdup ("");
  self->translator = g_strdup ("");
}

NdEdition *
nd_edition_new (void)
{
  return g_object_new (ND_TYPE_EDITION, NULL);
}

gint64
nd_edition_get_id (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->id;
}

void
nd_edition_set_id (NdEdition *self,
                     gint64 id)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
nd_edition_get_story_id (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->story_id;
}

void
nd_edition_set_story_id (NdEdition *self,
                           gint64 story_id)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->story_id == story_id)
    return;

  self->story_id = story_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORY_ID]);
}

const char *
nd_edition_get_lang (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  return self->lang;
}

void
nd_edition_set_lang (NdEdition *self,
                       const char *lang)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (g_strcmp0 (self->lang, lang != NULL ? lang : "") == 0)
    return;

  g_free (self->lang);
  self->lang = g_strdup (lang != NULL ? lang : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LANG]);
}

const char *
nd_edition_get_headline (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  return self->headline;
}

void
nd_edition_set_headline (NdEdition *self,
                           const char *headline)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (g_strcmp0 (self->headline, headline != NULL ? headline : "") == 0)
    return;

  g_free (self->headline);
  self->headline = g_strdup (headline != NULL ? headline : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HEADLINE]);
}

const char *
nd_edition_get_standfirst (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  return self->standfirst;
}

void
nd_edition_set_standfirst (NdEdition *self,
                             const char *standfirst)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (g_strcmp0 (self->standfirst, standfirst != NULL ? standfirst : "") == 0)
    return;

  g_free (self->standfirst);
  self->standfirst = g_strdup (standfirst != NULL ? standfirst : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STANDFIRST]);
}

const char *
nd_edition_get_dateline_city (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  return self->dateline_city;
}

void
nd_edition_set_dateline_city (NdEdition *self,
                                const char *dateline_city)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (g_strcmp0 (self->dateline_city, dateline_city != NULL ? dateline_city : "") == 0)
    return;

  g_free (self->dateline_city);
  self->dateline_city = g_strdup (dateline_city != NULL ? dateline_city : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATELINE_CITY]);
}

const char *
nd_edition_get_body (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  return self->body;
}

void
nd_edition_set_body (NdEdition *self,
                       const char *body)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (g_strcmp0 (self->body, body != NULL ? body : "") == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body != NULL ? body : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BODY]);
}

const char *
nd_edition_get_slug (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  return self->slug;
}

void
nd_edition_set_slug (NdEdition *self,
                       const char *slug)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (g_strcmp0 (self->slug, slug != NULL ? slug : "") == 0)
    return;

  g_free (self->slug);
  self->slug = g_strdup (slug != NULL ? slug : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SLUG]);
}

NdEditionStatus
nd_edition_get_status (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->status;
}

void
nd_edition_set_status (NdEdition *self,
                         NdEditionStatus status)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

gint64
nd_edition_get_publish_at (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->publish_at;
}

void
nd_edition_set_publish_at (NdEdition *self,
                             gint64 publish_at)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->publish_at == publish_at)
    return;

  self->publish_at = publish_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PUBLISH_AT]);
}

const char *
nd_edition_get_translator (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  return self->translator;
}

void
nd_edition_set_translator (NdEdition *self,
                             const char *translator)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (g_strcmp0 (self->translator, translator != NULL ? translator : "") == 0)
    return;

  g_free (self->translator);
  self->translator = g_strdup (translator != NULL ? translator : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRANSLATOR]);
}

gint64
nd_edition_get_revision (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->revision;
}

void
nd_edition_set_revision (NdEdition *self,
                           gint64 revision)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->revision == revision)
    return;

  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVISION]);
}

gint64
nd_edition_get_source_revision (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->source_revision;
}

void
nd_edition_set_source_revision (NdEdition *self,
                                  gint64 source_revision)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->source_revision == source_revision)
    return;

  self->source_revision = source_revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE_REVISION]);
}

int
nd_edition_get_word_count (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->word_count;
}

void
nd_edition_set_word_count (NdEdition *self,
                             int word_count)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->word_count == word_count)
    return;

  self->word_count = word_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WORD_COUNT]);
}

gint64
nd_edition_get_updated_at (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), 0);

  return self->updated_at;
}

void
nd_edition_set_updated_at (NdEdition *self,
                             gint64 updated_at)
{
  g_return_if_fail (ND_IS_EDITION (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
}

/**
 * nd_edition_has_text:
 * @self: a #NdEdition
 *
 * Returns: %TRUE if any of the edition's text fields holds something
 */
gboolean
nd_edition_has_text (NdEdition *self)
{
  g_return_val_if_fail (ND_IS_EDITION (self), FALSE);

  return *self->headline != '\0' || *self->standfirst != '\0' ||
         *self->dateline_city != '\0' || *self->body != '\0';
}

/**
 * nd_edition_same_text:
 * @self: a #NdEdition
 * @other: another #NdEdition
 *
 * Returns: %TRUE if both hold the same headline, standfirst, dateline and body
 */
gboolean
nd_edition_same_text (NdEdition *self,
                      NdEdition *other)
{
  g_return_val_if_fail (ND_IS_EDITION (self), FALSE);
  g_return_val_if_fail (ND_IS_EDITION (other), FALSE);

  return g_str_equal (self->headline, other->headline) &&
         g_str_equal (self->standfirst, other->standfirst) &&
         g_str_equal (self->dateline_city, other->dateline_city) &&
         g_str_equal (self->body, other->body);
}

/**
 * nd_edition_is_stale:
 * @self: a translated edition
 * @source: the story's source edition
 *
 * An edition translated from revision N of its source is stale once the
 * source has moved past N. The source itself, and an edition that was never
 * translated from anything, are not stale.
 *
 * Returns: %TRUE if @self needs to catch up with @source
 */
gboolean
nd_edition_is_stale (NdEdition *self,
                     NdEdition *source)
{
  g_return_val_if_fail (ND_IS_EDITION (self), FALSE);
  g_return_val_if_fail (source == NULL || ND_IS_EDITION (source), FALSE);

  if (source == NULL || source == self || g_str_equal (self->lang, source->lang))
    return FALSE;
  if (self->source_revision < 0)
    return FALSE;

  return source->revision > self->source_revision;
}

/**
 * nd_edition_copy:
 * @self: a #NdEdition
 *
 * Returns: (transfer full): a new edition with the same values
 */
NdEdition *
nd_edition_copy (NdEdition *self)
{
  NdEdition *copy;

  g_return_val_if_fail (ND_IS_EDITION (self), NULL);

  copy = nd_edition_new ();
  copy->id = self->id;
  copy->story_id = self->story_id;
  g_free (copy->lang);
  copy->lang = g_strdup (self->lang);
  nd_edition_set_headline (copy, self->headline);
  nd_edition_set_standfirst (copy, self->standfirst);
  nd_edition_set_dateline_city (copy, self->dateline_city);
  nd_edition_set_body (copy, self->body);
  nd_edition_set_slug (copy, self->slug);
  copy->status = self->status;
  copy->publish_at = self->publish_at;
  nd_edition_set_translator (copy, self->translator);
  copy->revision = self->revision;
  copy->source_revision = self->source_revision;
  copy->word_count = self->word_count;
  copy->updated_at = self->updated_at;

  return copy;
}
