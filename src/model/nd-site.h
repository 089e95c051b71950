/* nd-site.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ND_TYPE_SITE (nd_site_get_type ())

G_DECLARE_FINAL_TYPE (NdSite, nd_site, ND, SITE, GObject)

NdSite     *nd_site_new              (void);
NdSite     *nd_site_copy             (NdSite     *self);

gint64      nd_site_get_id           (NdSite     *self);
void        nd_site_set_id           (NdSite     *self,
                                      gint64      id);
const char *nd_site_get_name         (NdSite     *self);
void        nd_site_set_name         (NdSite     *self,
                                      const char *name);
const char *nd_site_get_url          (NdSite     *self);
void        nd_site_set_url          (NdSite     *self,
                                      const char *url);
const char *nd_site_get_username     (NdSite     *self);
void        nd_site_set_username     (NdSite     *self,
                                      const char *username);
const char *nd_site_get_timezone     (NdSite     *self);
void        nd_site_set_timezone     (NdSite     *self,
                                      const char *timezone);
gboolean    nd_site_get_has_batch    (NdSite     *self);
void        nd_site_set_has_batch    (NdSite     *self,
                                      gboolean    has_batch);
gboolean    nd_site_get_has_polylang (NdSite     *self);
void        nd_site_set_has_polylang (NdSite     *self,
                                      gboolean    has_polylang);
gboolean    nd_site_get_has_plugin   (NdSite     *self);
void        nd_site_set_has_plugin   (NdSite     *self,
                                      gboolean    has_plugin);
gint64      nd_site_get_created_at   (NdSite     *self);
void        nd_site_set_created_at   (NdSite     *self,
                                      gint64      created_at);

G_END_DECLS
