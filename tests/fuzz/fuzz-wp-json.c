/* fuzz-wp-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "nd-remote.h"
#include "nd-wp-post.h"

/* libFuzzer target: any bytes a site could answer, through every reader of
 * WordPress JSON. They must fail cleanly or give values that hold up (a
 * post's body can be built again from it), never crash, leak or trip a
 * GLib critical. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A critical or a warning means a contract was broken: abort, which
 * libFuzzer catches and saves the input for (GLib's own fatal logs trap
 * instead, which it does not). Debug output is dropped, for speed. */
static GLogWriterOutput
abort_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Plain malloc, so that the sanitizer sees every block. */
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_log_set_writer_func (abort_writer, NULL, NULL);
  return 0;
}

static void
read_post (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdWpPost) post = nd_wp_post_new_from_json (node, &error);

  g_assert ((post == NULL) != (error == NULL));
  if (post != NULL)
    {
      g_autoptr(NdWpPost) copy = nd_wp_post_copy (post);
      g_autoptr(JsonObject) body = nd_wp_post_build_body (copy, (NdWpPostField) 0xfff);
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), body);
      g_autofree char *text = json_to_string (root, FALSE);

      g_assert (post->id > 0);
      g_assert (post->modified_gmt != NULL);
      g_assert (g_utf8_validate (text, -1, NULL));
    }
  else
    g_assert (g_error_matches (error, ND_REMOTE_ERROR, ND_REMOTE_ERROR_MALFORMED));
}

static void
read_everything (JsonNode *node)
{
  g_autoptr(NdWpTerm) tag = nd_wp_term_new_from_json (node, ND_WP_TERM_TAG, NULL);
  g_autoptr(NdWpTerm) category = nd_wp_term_new_from_json (node, ND_WP_TERM_CATEGORY, NULL);
  g_autoptr(NdWpMedia) media = nd_wp_media_new_from_json (node, NULL);
  g_autoptr(NdWpUser) user = nd_wp_user_new_from_json (node, NULL);
  g_autoptr(NdWpSiteInfo) info = nd_wp_site_info_new_from_index (node, NULL);
  g_autoptr(NdWpSiteInfo) settings = g_new0 (NdWpSiteInfo, 1);

  /* Whatever a reader accepts holds up. */
  g_assert (tag == NULL || (tag->id > 0 && g_utf8_validate (tag->name, -1, NULL)));
  g_assert (category == NULL || category->kind == ND_WP_TERM_CATEGORY);
  g_assert (media == NULL || (media->id > 0 && media->caption != NULL && media->alt_text != NULL));
  g_assert (user == NULL || user->id > 0);

  read_post (node);
  nd_wp_site_info_update_from_settings (settings, node, NULL);
  if (info != NULL)
    nd_wp_site_info_update_from_settings (info, node, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(NdWpPost) post = nd_wp_post_parse ((const char *) data, size, NULL);
  g_autoptr(JsonNode) node = nd_wp_json_parse ((const char *) data, size, NULL);

  /* The one-step reader and the two-step one agree. */
  if (node == NULL)
    {
      g_assert (post == NULL);
      return 0;
    }

  read_everything (node);

  /* A list answer: each element as the lists read them. */
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 64; i++)
        read_everything (json_array_get_element (array, i));
    }

  return 0;
}
