/* nd-sync-engine-local.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-dateline.h"
#include "nd-merge.h"
#include "nd-render.h"
#include "nd-sync-engine-private.h"

/*
 * The local side of sync: an edition as the three-way merge sees it ("mine")
 * and the writing back of what a merge took from the server. Everything goes
 * through the story store, so the window hears of it like of any other
 * change.
 */

static void
collect_tags (NdSyncFields *fields,
              NdStory      *story)
{
  GArray *ids = nd_story_get_tag_ids (story);

  if (ids != NULL)
    nd_sync_fields_set_tags (fields, (const gint64 *) (gpointer) ids->data, ids->len);
  else
    nd_sync_fields_set_tags (fields, NULL, 0);
}

NdSyncFields *
_nd_sync_engine_mine (NdSyncEngine *self,
                      NdEdition    *edition,
                      NdStory      *story)
{
  NdSyncFields *fields = nd_sync_fields_new ();
  NdEditionStatus status = nd_edition_get_status (edition);

  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_HEADLINE, nd_edition_get_headline (edition));
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_STANDFIRST, nd_edition_get_standfirst (edition));
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_DATELINE, nd_edition_get_dateline_city (edition));
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_BODY, nd_edition_get_body (edition));
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_SLUG, nd_edition_get_slug (edition));
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_STATUS, nd_sync_status_to_wordpress (status));

  /* Only a scheduled or published edition has a date the site should know;
   * a draft's planned time stays in the newsroom. */
  if (status == ND_EDITION_STATUS_SCHEDULED || status == ND_EDITION_STATUS_PUBLISHED)
    fields->date_gmt = nd_edition_get_publish_at (edition);

  collect_tags (fields, story);
  fields->section = nd_story_get_section_id (story);

  return fields;
}

static gboolean
apply_story_fields (NdSyncEngine       *self,
                    gint64              story_id,
                    const NdSyncFields *fields,
                    guint               mask,
                    GError            **error)
{
  g_autoptr(NdStory) story = NULL;

  if ((mask & (ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_TAGS) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SECTION))) == 0)
    return TRUE;

  story = nd_story_store_load_story (self->stories, story_id, error);
  if (story == NULL)
    return FALSE;

  if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_TAGS))
    nd_story_set_tag_ids (story, (const gint64 *) (gpointer) fields->tags->data, fields->tags->len);
  if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SECTION))
    nd_story_set_section_id (story, fields->section);

  return nd_story_store_save_story (self->stories, story, error);
}

/*
 * Writes the fields in @mask into the edition as it is in the database now.
 * The edition is read here, not earlier: whatever the editor saved while a
 * request was out is what the server's changes are laid onto.
 */
gboolean
_nd_sync_engine_apply (NdSyncEngine       *self,
                       gint64              edition_id,
                       const NdSyncFields *fields,
                       guint               mask,
                       GError            **error)
{
  g_autoptr(NdEdition) edition = NULL;
  const guint text_mask = ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_HEADLINE) |
                          ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STANDFIRST) |
                          ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATELINE) |
                          ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY) |
                          ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SLUG);
  const guint status_mask = ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STATUS) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATE);

  if (mask == 0)
    return TRUE;

  edition = nd_story_store_load_edition_by_id (self->stories, edition_id, error);
  if (edition == NULL)
    return FALSE;

  if (mask & text_mask)
    {
      if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_HEADLINE))
        nd_edition_set_headline (edition, fields->headline);
      if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STANDFIRST))
        nd_edition_set_standfirst (edition, fields->standfirst);
      if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATELINE))
        nd_edition_set_dateline_city (edition, fields->dateline);
      if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY))
        nd_edition_set_body (edition, fields->body);
      if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SLUG))
        nd_edition_set_slug (edition, fields->slug);
      if (!nd_story_store_save_edition (self->stories, edition, error))
        return FALSE;
    }

  if (mask & status_mask)
    {
      NdEditionStatus status = nd_edition_get_status (edition);
      gint64 publish_at = nd_edition_get_publish_at (edition);

      if (mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STATUS))
        status = nd_sync_status_from_wordpress (fields->status, status);
      if ((mask & ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATE)) && fields->date_gmt != 0)
        publish_at = fields->date_gmt;

      if (!nd_story_store_take_remote_status (self->stories, edition, status, publish_at,
                                              _("WordPress"), error))
        return FALSE;
    }

  return apply_story_fields (self, nd_edition_get_story_id (edition), fields, mask, error);
}

char *
_nd_sync_engine_render_dateline (NdSyncEngine *self,
                                 const char   *lang,
                                 const char   *city)
{
  NdLanguage *language = nd_story_store_get_language (self->stories, lang);

  if (language == NULL)
    return nd_dateline_render ("{CITY}.", city, NULL);

  return nd_dateline_render (nd_language_get_dateline_format (language), city,
                             nd_language_get_publication_name (language));
}

/*
 * A post carries the dateline as readers see it ("MOSCOW (Realist
 * English)."); the edition keeps the city as typed ("Moscow"). When the
 * rendered form did not change, the city did not either; otherwise the city
 * is what stands where the house style puts it.
 */
char *
_nd_sync_engine_city_from_dateline (NdSyncEngine *self,
                                    const char   *lang,
                                    const char   *dateline,
                                    const char   *base_city,
                                    const char   *mine_city)
{
  NdLanguage *language;
  g_autofree char *format = NULL;
  g_auto(GStrv) parts = NULL;
  const char *city_token = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  if (dateline == NULL || *dateline == '\0')
    return g_strdup ("");

  for (guint i = 0; i < 2; i++)
    {
      const char *candidate = i == 0 ? base_city : mine_city;
      g_autofree char *rendered = NULL;

      if (candidate == NULL || *candidate == '\0')
        continue;
      rendered = _nd_sync_engine_render_dateline (self, lang, candidate);
      if (g_strcmp0 (rendered, dateline) == 0)
        return g_strdup (candidate);
    }

  language = nd_story_store_get_language (self->stories, lang);
  format = g_strdup (language != NULL ? nd_language_get_dateline_format (language) : "{CITY}.");
  if (strstr (format, "{CITY}") != NULL)
    city_token = "{CITY}";
  else if (strstr (format, "{City}") != NULL)
    city_token = "{City}";
  else
    return g_strdup (dateline);

  parts = g_strsplit (format, city_token, 2);
  prefix = nd_dateline_render (parts[0], "x", language != NULL ? nd_language_get_publication_name (language) : NULL);
  suffix = nd_dateline_render (parts[1] != NULL ? parts[1] : "", "x",
                               language != NULL ? nd_language_get_publication_name (language) : NULL);
  /* nd_dateline_render() gives "" for an empty format with a city; an
   * empty part stays empty. */
  if (*parts[0] == '\0')
    {
      g_free (prefix);
      prefix = g_strdup ("");
    }
  if (parts[1] == NULL || *parts[1] == '\0')
    {
      g_free (suffix);
      suffix = g_strdup ("");
    }

  if (g_str_has_prefix (dateline, prefix) && g_str_has_suffix (dateline, suffix) &&
      strlen (dateline) > strlen (prefix) + strlen (suffix))
    return g_strstrip (g_strndup (dateline + strlen (prefix),
                                  strlen (dateline) - strlen (prefix) - strlen (suffix)));

  return g_strdup (dateline);
}

static const char *
localized (NdLocalizedText *texts,
           const char      *lang,
           const char      *source_lang)
{
  const char * const langs[] = { lang, source_lang, NULL };

  return texts != NULL ? nd_localized_text_get_first (texts, langs) : NULL;
}

GStrv
_nd_sync_engine_bylines (NdSyncEngine *self,
                         NdStory      *story,
                         const char   *lang)
{
  GArray *ids = nd_story_get_contributor_ids (story);
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(NdContributor) contributor = NULL;
      g_autofree char *line = NULL;

      contributor = nd_story_store_load_contributor (self->stories, g_array_index (ids, gint64, i), NULL);
      if (contributor == NULL)
        continue;

      line = nd_render_byline (localized (nd_contributor_get_names (contributor), lang,
                                          nd_story_get_source_lang (story)),
                               localized (nd_contributor_get_roles (contributor), lang,
                                          nd_story_get_source_lang (story)));
      if (line != NULL)
        g_strv_builder_add (lines, line);
    }

  return g_strv_builder_end (lines);
}

char *
_nd_sync_engine_term_name (NdSyncEngine *self,
                           gboolean      is_tag,
                           gint64        local_id,
                           const char   *lang)
{
  const char * const langs[] = { lang, "en", NULL };
  const char *name = NULL;

  if (is_tag)
    {
      g_autoptr(NdTag) tag = nd_story_store_load_tag (self->stories, local_id, NULL);

      if (tag != NULL)
        name = nd_localized_text_get_first (nd_tag_get_labels (tag), langs);
      return g_strdup (name);
    }
  else
    {
      NdSection *section = nd_story_store_get_section (self->stories, local_id);

      if (section != NULL)
        name = nd_localized_text_get_first (nd_section_get_names (section), langs);
      return g_strdup (name);
    }
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return g_strcmp0 (x, y) == 0;
}

static gint64
find_or_create_tag (NdSyncEngine  *self,
                    const char    *name,
                    const char    *lang,
                    GError       **error)
{
  g_autoptr(GPtrArray) tags = nd_story_store_list_tags (self->stories, error);
  g_autoptr(NdTag) tag = NULL;

  if (tags == NULL)
    return 0;

  for (guint i = 0; i < tags->len; i++)
    {
      NdTag *candidate = g_ptr_array_index (tags, i);

      if (same_name (nd_localized_text_get (nd_tag_get_labels (candidate), lang), name))
        return nd_tag_get_id (candidate);
    }

  tag = nd_tag_new ();
  nd_localized_text_set (nd_tag_get_labels (tag), lang, name);
  if (!nd_story_store_save_tag (self->stories, tag, error))
    return 0;

  return nd_tag_get_id (tag);
}

static gint64
find_or_create_section (NdSyncEngine  *self,
                        const char    *name,
                        const char    *slug,
                        const char    *lang,
                        GError       **error)
{
  GListModel *sections = nd_story_store_get_sections (self->stories);
  guint n = g_list_model_get_n_items (sections);
  g_autoptr(NdSection) section = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdSection) candidate = g_list_model_get_item (sections, i);

      if (same_name (nd_localized_text_get (nd_section_get_names (candidate), lang), name) ||
          (slug != NULL && g_strcmp0 (nd_section_get_slug (candidate), slug) == 0))
        return nd_section_get_id (candidate);
    }

  section = nd_section_new ();
  nd_section_set_slug (section, slug != NULL && *slug != '\0' ? slug : name);
  nd_section_set_position (section, (int) n);
  nd_localized_text_set (nd_section_get_names (section), lang, name);
  if (!nd_story_store_save_section (self->stories, section, error))
    return 0;

  return nd_section_get_id (section);
}

/* A term the site has and the newsroom does not yet: tags and sections are
 * the publication's vocabulary, so a term met on the site joins it under its
 * name in that site's language. */
gint64
_nd_sync_engine_local_term (NdSyncEngine  *self,
                            gboolean       is_tag,
                            const char    *name,
                            const char    *slug,
                            const char    *lang,
                            GError       **error)
{
  if (is_tag)
    return find_or_create_tag (self, name, lang, error);

  return find_or_create_section (self, name, slug, lang, error);
}

void
_nd_sync_engine_log (NdSyncEngine   *self,
                     NdSyncLogLevel  level,
                     gint64          site_id,
                     gint64          edition_id,
                     const char     *format,
                     ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("%s", message);
  if (nd_sync_store_append_log (self->sync_store, level, site_id, edition_id, message, &error) == 0 &&
      error != NULL)
    g_warning ("The sync log could not be written: %s", error->message);
}

/* A schedule the site missed is told once a session, not on every pass. */
void
_nd_sync_engine_report_missed (NdSyncEngine *self,
                               gint64        site_id,
                               gint64        edition_id,
                               const char   *headline)
{
  if (g_hash_table_contains (self->missed_reported, &edition_id))
    return;

  g_hash_table_add (self->missed_reported, g_memdup2 (&edition_id, sizeof edition_id));
  _nd_sync_engine_log (self, ND_SYNC_LOG_WARNING, site_id, edition_id,
                       /* Translators: %s is a headline */
                       _("“%s” is still scheduled on the website after its time: the site did not publish it"),
                       headline);
}

gboolean
_nd_sync_engine_record_conflicts (NdSyncEngine  *self,
                                  gint64         edition_id,
                                  GPtrArray     *conflicts,
                                  GError       **error)
{
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      NdMergeConflict *conflict = g_ptr_array_index (conflicts, i);

      if (nd_sync_store_add_conflict (self->sync_store, edition_id,
                                      nd_sync_field_to_string (conflict->field),
                                      conflict->paragraph, conflict->base,
                                      conflict->mine, conflict->theirs, error) == 0)
        return FALSE;
    }

  return TRUE;
}
