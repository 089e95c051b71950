/* nd-sync-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync"

#include "config.h"

#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "nd-sync-fields.h"

static const char * const field_names[ND_SYNC_N_FIELDS] = {
  [ND_SYNC_FIELD_HEADLINE] = "headline",
  [ND_SYNC_FIELD_STANDFIRST] = "standfirst",
  [ND_SYNC_FIELD_DATELINE] = "dateline",
  [ND_SYNC_FIELD_BODY] = "body",
  [ND_SYNC_FIELD_SLUG] = "slug",
  [ND_SYNC_FIELD_STATUS] = "status",
  [ND_SYNC_FIELD_DATE] = "date",
  [ND_SYNC_FIELD_TAGS] = "tags",
  [ND_SYNC_FIELD_SECTION] = "section",
};

NdSyncFields *
nd_sync_fields_new (void)
{
  NdSyncFields *fields = g_new0 (NdSyncFields, 1);

  fields->headline = g_strdup ("");
  fields->standfirst = g_strdup ("");
  fields->dateline = g_strdup ("");
  fields->body = g_strdup ("");
  fields->slug = g_strdup ("");
  fields->status = g_strdup ("draft");
  fields->tags = g_array_new (FALSE, FALSE, sizeof (gint64));

  return fields;
}

void
nd_sync_fields_free (NdSyncFields *fields)
{
  if (fields == NULL)
    return;

  g_free (fields->headline);
  g_free (fields->standfirst);
  g_free (fields->dateline);
  g_free (fields->body);
  g_free (fields->slug);
  g_free (fields->status);
  g_clear_pointer (&fields->tags, g_array_unref);
  g_free (fields);
}

NdSyncFields *
nd_sync_fields_copy (const NdSyncFields *fields)
{
  NdSyncFields *copy;

  g_return_val_if_fail (fields != NULL, NULL);

  copy = nd_sync_fields_new ();
  for (NdSyncField f = 0; f < ND_SYNC_N_FIELDS; f++)
    {
      g_autofree char *text = nd_sync_fields_get_text (fields, f);

      nd_sync_fields_set_text (copy, f, text);
    }

  return copy;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * nd_sync_fields_set_tags:
 * @fields: the fields
 * @ids: (array length=n_ids): local tag ids, in any order, duplicates allowed
 * @n_ids: their number
 *
 * Sets the tags as a set: sorted, each once.
 */
void
nd_sync_fields_set_tags (NdSyncFields *fields,
                         const gint64 *ids,
                         guint         n_ids)
{
  g_return_if_fail (fields != NULL);

  g_array_set_size (fields->tags, 0);
  if (n_ids > 0)
    g_array_append_vals (fields->tags, ids, n_ids);
  g_array_sort (fields->tags, compare_ids);

  for (guint i = 1; i < fields->tags->len;)
    {
      if (g_array_index (fields->tags, gint64, i) == g_array_index (fields->tags, gint64, i - 1))
        g_array_remove_index (fields->tags, i);
      else
        i++;
    }
}

/**
 * nd_sync_fields_get_text:
 * @fields: the fields
 * @field: which
 *
 * The field as text: what the conflicts table keeps and the resolution view
 * shows. Tags are their ids joined by commas, the date ISO 8601 in UTC.
 *
 * Returns: (transfer full): the text
 */
char *
nd_sync_fields_get_text (const NdSyncFields *fields,
                         NdSyncField         field)
{
  g_return_val_if_fail (fields != NULL, NULL);

  switch (field)
    {
    case ND_SYNC_FIELD_HEADLINE:
      return g_strdup (fields->headline);
    case ND_SYNC_FIELD_STANDFIRST:
      return g_strdup (fields->standfirst);
    case ND_SYNC_FIELD_DATELINE:
      return g_strdup (fields->dateline);
    case ND_SYNC_FIELD_BODY:
      return g_strdup (fields->body);
    case ND_SYNC_FIELD_SLUG:
      return g_strdup (fields->slug);
    case ND_SYNC_FIELD_STATUS:
      return g_strdup (fields->status);
    case ND_SYNC_FIELD_DATE:
      {
        g_autoptr(GDateTime) dt = NULL;

        if (fields->date_gmt == 0)
          return g_strdup ("");
        dt = g_date_time_new_from_unix_utc (fields->date_gmt);
        return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S") : g_strdup ("");
      }
    case ND_SYNC_FIELD_TAGS:
      {
        GString *out = g_string_new (NULL);

        for (guint i = 0; i < fields->tags->len; i++)
          g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                  g_array_index (fields->tags, gint64, i));
        return g_string_free (out, FALSE);
      }
    case ND_SYNC_FIELD_SECTION:
      return fields->section != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, fields->section) : g_strdup ("");
    case ND_SYNC_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || value <= 0)
    return FALSE;
  *id = value;
  return TRUE;
}

/**
 * nd_sync_fields_set_text:
 * @fields: the fields
 * @field: which
 * @text: its value in the form nd_sync_fields_get_text() gives
 *
 * Returns: %FALSE when @text is not a valid value for @field (nothing changes)
 */
gboolean
nd_sync_fields_set_text (NdSyncFields *fields,
                         NdSyncField   field,
                         const char   *text)
{
  char **slot = NULL;

  g_return_val_if_fail (fields != NULL, FALSE);

  if (text == NULL)
    text = "";

  switch (field)
    {
    case ND_SYNC_FIELD_HEADLINE: slot = &fields->headline; break;
    case ND_SYNC_FIELD_STANDFIRST: slot = &fields->standfirst; break;
    case ND_SYNC_FIELD_DATELINE: slot = &fields->dateline; break;
    case ND_SYNC_FIELD_BODY: slot = &fields->body; break;
    case ND_SYNC_FIELD_SLUG: slot = &fields->slug; break;
    case ND_SYNC_FIELD_STATUS: slot = &fields->status; break;
    case ND_SYNC_FIELD_DATE:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        g_autoptr(GDateTime) dt = NULL;

        if (*text == '\0')
          {
            fields->date_gmt = 0;
            return TRUE;
          }
        dt = g_date_time_new_from_iso8601 (text, utc);
        if (dt == NULL)
          return FALSE;
        fields->date_gmt = g_date_time_to_unix (dt);
        return TRUE;
      }
    case ND_SYNC_FIELD_TAGS:
      {
        g_auto(GStrv) parts = g_strsplit (text, ",", -1);
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

        for (guint i = 0; parts[i] != NULL; i++)
          {
            gint64 id;

            if (*parts[i] == '\0')
              continue;
            if (!parse_id (parts[i], &id))
              return FALSE;
            g_array_append_val (ids, id);
          }
        nd_sync_fields_set_tags (fields, (const gint64 *) (gpointer) ids->data, ids->len);
        return TRUE;
      }
    case ND_SYNC_FIELD_SECTION:
      {
        gint64 id = 0;

        if (*text != '\0' && !parse_id (text, &id))
          return FALSE;
        fields->section = id;
        return TRUE;
      }
    case ND_SYNC_N_FIELDS:
    default:
      g_return_val_if_reached (FALSE);
    }

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (text);
  return TRUE;
}

/**
 * nd_sync_fields_equal:
 * @a: one side
 * @b: another
 * @field: the field to compare
 *
 * Returns: whether @a and @b agree on @field
 */
gboolean
nd_sync_fields_equal (const NdSyncFields *a,
                      const NdSyncFields *b,
                      NdSyncField         field)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  x = nd_sync_fields_get_text (a, field);
  y = nd_sync_fields_get_text (b, field);

  return g_strcmp0 (x, y) == 0;
}

/**
 * nd_sync_fields_to_json:
 * @fields: the fields
 *
 * Returns: (transfer full): the fields as a JSON object, for the base kept
 *   per edition
 */
char *
nd_sync_fields_to_json (const NdSyncFields *fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (fields != NULL, NULL);

  json_builder_begin_object (builder);
  for (NdSyncField f = 0; f < ND_SYNC_N_FIELDS; f++)
    {
      g_autofree char *text = nd_sync_fields_get_text (fields, f);

      json_builder_set_member_name (builder, field_names[f]);
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * nd_sync_fields_from_json:
 * @json: what nd_sync_fields_to_json() wrote
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the fields, or %NULL when @json is damaged
 */
NdSyncFields *
nd_sync_fields_from_json (const char  *json,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(NdSyncFields) fields = NULL;
  JsonObject *object;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The sync base is not an object");
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  fields = nd_sync_fields_new ();
  for (NdSyncField f = 0; f < ND_SYNC_N_FIELDS; f++)
    {
      JsonNode *member = json_object_get_member (object, field_names[f]);

      if (member == NULL)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING ||
          !nd_sync_fields_set_text (fields, f, json_node_get_string (member)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "The sync base has a bad “%s”", field_names[f]);
          return NULL;
        }
    }

  return g_steal_pointer (&fields);
}

const char *
nd_sync_field_to_string (NdSyncField field)
{
  g_return_val_if_fail (field < ND_SYNC_N_FIELDS, NULL);

  return field_names[field];
}

gboolean
nd_sync_field_from_string (const char  *name,
                           NdSyncField *field)
{
  for (NdSyncField f = 0; f < ND_SYNC_N_FIELDS; f++)
    if (g_strcmp0 (name, field_names[f]) == 0)
      {
        *field = f;
        return TRUE;
      }

  return FALSE;
}

/**
 * nd_sync_status_to_wordpress:
 * @status: an edition's status
 *
 * WordPress knows fewer states than a newsroom: in review and ready both wait
 * as "pending".
 *
 * Returns: the post status that stands for @status
 */
const char *
nd_sync_status_to_wordpress (NdEditionStatus status)
{
  switch (status)
    {
    case ND_EDITION_STATUS_IN_REVIEW:
    case ND_EDITION_STATUS_READY:
      return "pending";
    case ND_EDITION_STATUS_SCHEDULED:
      return "future";
    case ND_EDITION_STATUS_PUBLISHED:
      return "publish";
    case ND_EDITION_STATUS_NEEDS_TRANSLATION:
    case ND_EDITION_STATUS_DRAFT:
    default:
      return "draft";
    }
}

/**
 * nd_sync_status_from_wordpress:
 * @wp_status: a post status
 * @current: the edition's status now
 *
 * Keeps @current when it already stands for @wp_status, so that a pull
 * never turns "ready" into "in review" only because both are "pending".
 *
 * Returns: the edition status for @wp_status
 */
NdEditionStatus
nd_sync_status_from_wordpress (const char      *wp_status,
                               NdEditionStatus  current)
{
  if (g_strcmp0 (nd_sync_status_to_wordpress (current), wp_status) == 0)
    return current;

  if (g_strcmp0 (wp_status, "pending") == 0)
    return ND_EDITION_STATUS_IN_REVIEW;
  if (g_strcmp0 (wp_status, "future") == 0)
    return ND_EDITION_STATUS_SCHEDULED;
  if (g_strcmp0 (wp_status, "publish") == 0 || g_strcmp0 (wp_status, "private") == 0)
    return ND_EDITION_STATUS_PUBLISHED;
  if (g_strcmp0 (wp_status, "draft") == 0)
    return ND_EDITION_STATUS_DRAFT;

  return current;
}
