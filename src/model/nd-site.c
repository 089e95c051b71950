/* nd-site.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-site.h"

/**
 * NdSite:
 *
 * A WordPress site editions are published on, as Newsdesk remembers it. Its
 * application password is not here: it lives in the keyring (NdAccount),
 * looked up by the site's URL and user name.
 */
struct _NdSite
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *url;
  char *username;
  char *timezone;
  gboolean has_batch;
  gboolean has_polylang;
  gboolean has_plugin;
  gint64 created_at;
};

G_DEFINE_FINAL_TYPE (NdSite, nd_site, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_URL,
  PROP_USERNAME,
  PROP_TIMEZONE,
  PROP_HAS_BATCH,
  PROP_HAS_POLYLANG,
  PROP_HAS_PLUGIN,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nd_site_finalize (GObject *object)
{
  NdSite *self = (NdSite *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->timezone, g_free);

  G_OBJECT_CLASS (nd_site_parent_class)->finalize (object);
}

static void
nd_site_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  NdSite *self = ND_SITE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;

    case PROP_HAS_BATCH:
      g_value_set_boolean (value, self->has_batch);
      break;

    case PROP_HAS_POLYLANG:
      g_value_set_boolean (value, self->has_polylang);
      break;

    case PROP_HAS_PLUGIN:
      g_value_set_boolean (value, self->has_plugin);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_site_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  NdSite *self = ND_SITE (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_site_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      nd_site_set_name (self, g_value_get_string (value));
      break;

    case PROP_URL:
      nd_site_set_url (self, g_value_get_string (value));
      break;

    case PROP_USERNAME:
      nd_site_set_username (self, g_value_get_string (value));
      break;

    case PROP_TIMEZONE:
      nd_site_set_timezone (self, g_value_get_string (value));
      break;

    case PROP_HAS_BATCH:
      nd_site_set_has_batch (self, g_value_get_boolean (value));
      break;

    case PROP_HAS_POLYLANG:
      nd_site_set_has_polylang (self, g_value_get_boolean (value));
      break;

    case PROP_HAS_PLUGIN:
      nd_site_set_has_plugin (self, g_value_get_boolean (value));
      break;

    case PROP_CREATED_AT:
      nd_site_set_created_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_site_class_init (NdSiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_site_finalize;
  object_class->get_property = nd_site_get_property;
  object_class->set_property = nd_site_set_property;

  /**
   * NdSite:id:
   *
   * The site's id in the database, 0 before it was added.
   */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:name:
   *
   * The site's name, as WordPress tells it.
   */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:url:
   *
   * The site's address, e.g. https://example.org.
   */
  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:username:
   *
   * The WordPress user Newsdesk signs in as.
   */
  properties [PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:timezone:
   *
   * The site's time zone (`timezone_string`), or "".
   */
  properties [PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:has-batch:
   *
   * Whether the site answers /batch/v1.
   */
  properties [PROP_HAS_BATCH] =
    g_param_spec_boolean ("has-batch", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:has-polylang:
   *
   * Whether the site runs Polylang (its lang and translations fields).
   */
  properties [PROP_HAS_POLYLANG] =
    g_param_spec_boolean ("has-polylang", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:has-plugin:
   *
   * Whether the site runs the Newsdesk mu-plugin.
   */
  properties [PROP_HAS_PLUGIN] =
    g_param_spec_boolean ("has-plugin", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * NdSite:created-at:
   *
   * When the site was added, microseconds since the epoch.
   */
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_site_init (NdSite *self)
{
  self->name = g_strdup ("");
  self->url = g_strdup ("");
  self->username = g_strdup ("");
  self->timezone = g_strdup ("");
}

/**
 * nd_site_new:
 *
 * Creates a site with empty fields.
 *
 * Returns: (transfer full): a new #NdSite
 */
NdSite *
nd_site_new (void)
{
  return g_object_new (ND_TYPE_SITE, NULL);
}

/**
 * nd_site_copy:
 * @self: a #NdSite
 *
 * Copies a site, so that an editing dialog can change the copy and keep
 * the original until it is saved.
 *
 * Returns: (transfer full): a new #NdSite with the same values
 */
NdSite *
nd_site_copy (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), NULL);

  return g_object_new (ND_TYPE_SITE,
                       "id", self->id,
                       "name", self->name,
                       "url", self->url,
                       "username", self->username,
                       "timezone", self->timezone,
                       "has-batch", self->has_batch,
                       "has-polylang", self->has_polylang,
                       "has-plugin", self->has_plugin,
                       "created-at", self->created_at,
                       NULL);
}

gint64
nd_site_get_id (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), 0);

  return self->id;
}

void
nd_site_set_id (NdSite *self,
                gint64 id)
{
  g_return_if_fail (ND_IS_SITE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
nd_site_get_name (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), NULL);

  return self->name;
}

void
nd_site_set_name (NdSite     *self,
                  const char *name)
{
  g_return_if_fail (ND_IS_SITE (self));

  /* Never NULL, so that callers can compare and print it as it is. */
  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

const char *
nd_site_get_url (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), NULL);

  return self->url;
}

void
nd_site_set_url (NdSite     *self,
                 const char *url)
{
  g_return_if_fail (ND_IS_SITE (self));

  /* Never NULL, so that callers can compare and print it as it is. */
  if (url == NULL)
    url = "";
  if (g_strcmp0 (self->url, url) == 0)
    return;

  g_free (self->url);
  self->url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_URL]);
}

const char *
nd_site_get_username (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), NULL);

  return self->username;
}

void
nd_site_set_username (NdSite     *self,
                      const char *username)
{
  g_return_if_fail (ND_IS_SITE (self));

  /* Never NULL, so that callers can compare and print it as it is. */
  if (username == NULL)
    username = "";
  if (g_strcmp0 (self->username, username) == 0)
    return;

  g_free (self->username);
  self->username = g_strdup (username);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USERNAME]);
}

const char *
nd_site_get_timezone (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), NULL);

  return self->timezone;
}

void
nd_site_set_timezone (NdSite     *self,
                      const char *timezone)
{
  g_return_if_fail (ND_IS_SITE (self));

  /* Never NULL, so that callers can compare and print it as it is. */
  if (timezone == NULL)
    timezone = "";
  if (g_strcmp0 (self->timezone, timezone) == 0)
    return;

  g_free (self->timezone);
  self->timezone = g_strdup (timezone);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIMEZONE]);
}

gboolean
nd_site_get_has_batch (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), 0);

  return self->has_batch;
}

void
nd_site_set_has_batch (NdSite   *self,
                       gboolean has_batch)
{
  g_return_if_fail (ND_IS_SITE (self));

  has_batch = !!has_batch;
  if (self->has_batch == has_batch)
    return;

  self->has_batch = has_batch;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_BATCH]);
}

gboolean
nd_site_get_has_polylang (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), 0);

  return self->has_polylang;
}

void
nd_site_set_has_polylang (NdSite   *self,
                          gboolean has_polylang)
{
  g_return_if_fail (ND_IS_SITE (self));

  has_polylang = !!has_polylang;
  if (self->has_polylang == has_polylang)
    return;

  self->has_polylang = has_polylang;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_POLYLANG]);
}

gboolean
nd_site_get_has_plugin (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), 0);

  return self->has_plugin;
}

void
nd_site_set_has_plugin (NdSite   *self,
                        gboolean has_plugin)
{
  g_return_if_fail (ND_IS_SITE (self));

  has_plugin = !!has_plugin;
  if (self->has_plugin == has_plugin)
    return;

  self->has_plugin = has_plugin;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_PLUGIN]);
}

gint64
nd_site_get_created_at (NdSite *self)
{
  g_return_val_if_fail (ND_IS_SITE (self), 0);

  return self->created_at;
}

void
nd_site_set_created_at (NdSite *self,
                        gint64 created_at)
{
  g_return_if_fail (ND_IS_SITE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}
