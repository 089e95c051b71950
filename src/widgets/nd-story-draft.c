/* nd-story-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-story-draft"

#include "config.h"

#include "nd-story-draft.h"

/**
 * nd_story_draft_load:
 * @store: a #NdStoryStore
 * @story_id: a story
 * @error: return location for a #GError
 *
 * Loads a story's fields with the tags, contributors, featured image and
 * related stories they point at.
 *
 * Returns: (transfer full) (nullable): the draft, with nothing dirty
 */
NdStoryDraft *
nd_story_draft_load (NdStoryStore  *store,
                     gint64         story_id,
                     GError       **error)
{
  g_autoptr(NdStoryDraft) self = g_new0 (NdStoryDraft, 1);
  GArray *ids;

  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  self->tags = g_ptr_array_new_with_free_func (g_object_unref);
  self->contributors = g_ptr_array_new_with_free_func (g_object_unref);
  self->related = g_ptr_array_new_with_free_func (g_object_unref);
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  self->story = nd_story_store_load_story_summary (store, story_id, error);
  if (self->story == NULL)
    return NULL;

  ids = nd_story_get_tag_ids (self->story);
  for (guint i = 0; i < ids->len; i++)
    {
      NdTag *tag = nd_story_store_load_tag (store, g_array_index (ids, gint64, i), error);

      if (tag == NULL)
        return NULL;
      g_ptr_array_add (self->tags, tag);
    }

  ids = nd_story_get_contributor_ids (self->story);
  for (guint i = 0; i < ids->len; i++)
    {
      NdContributor *contributor = nd_story_store_load_contributor (store, g_array_index (ids, gint64, i), error);

      if (contributor == NULL)
        return NULL;
      g_ptr_array_add (self->contributors, contributor);
    }

  if (nd_story_get_featured_media_id (self->story) != 0)
    {
      self->media = nd_story_store_load_media (store, nd_story_get_featured_media_id (self->story), error);
      if (self->media == NULL)
        return NULL;
    }

  ids = nd_story_get_related_ids (self->story);
  for (guint i = 0; i < ids->len; i++)
    {
      NdStory *related = nd_story_store_load_story_summary (store, g_array_index (ids, gint64, i), error);

      if (related == NULL)
        return NULL;
      g_ptr_array_add (self->related, related);
    }

  return g_steal_pointer (&self);
}

void
nd_story_draft_free (NdStoryDraft *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->story);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->contributors, g_ptr_array_unref);
  g_clear_object (&self->media);
  g_clear_pointer (&self->related, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_free (self);
}

/**
 * nd_story_draft_changed:
 * @self: a #NdStoryDraft
 * @object: (nullable): the tag, contributor or media whose texts changed,
 *   or %NULL when the story's own fields or lists did
 *
 * Marks what the next save writes.
 */
void
nd_story_draft_changed (NdStoryDraft *self,
                        gpointer      object)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (object == NULL || G_IS_OBJECT (object));

  if (object == NULL)
    self->story_dirty = TRUE;
  else if (!g_hash_table_contains (self->dirty, object))
    g_hash_table_add (self->dirty, g_object_ref (object));
}

gboolean
nd_story_draft_is_dirty (NdStoryDraft *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->story_dirty || g_hash_table_size (self->dirty) > 0;
}

static gint64
object_id (gpointer object)
{
  gint64 id = 0;

  g_object_get (object, "id", &id, NULL);
  return id;
}

/* Tags, contributors and media are concepts of their own in the store. */
static gboolean
save_concept (NdStoryStore  *store,
              gpointer       object,
              GError       **error)
{
  if (ND_IS_TAG (object))
    return nd_story_store_save_tag (store, object, error);
  if (ND_IS_CONTRIBUTOR (object))
    return nd_story_store_save_contributor (store, object, error);

  return nd_story_store_save_media (store, ND_MEDIA (object), error);
}

/* Saves @object when it is new or dirty; a new one also changes the
 * story's lists, which then take its id. */
static gboolean
save_object (NdStoryDraft  *self,
             NdStoryStore  *store,
             gpointer       object,
             GError       **error)
{
  gboolean is_new = object_id (object) == 0;

  if (!is_new && !g_hash_table_contains (self->dirty, object))
    return TRUE;

  if (!save_concept (store, object, error))
    return FALSE;

  g_hash_table_remove (self->dirty, object);
  if (is_new)
    self->story_dirty = TRUE;
  return TRUE;
}

static void
set_ids (NdStory   *story,
         GPtrArray *objects,
         void     (*setter) (NdStory *, const gint64 *, guint))
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), objects->len);

  for (guint i = 0; i < objects->len; i++)
    {
      gint64 id = object_id (g_ptr_array_index (objects, i));
      g_array_append_val (ids, id);
    }

  setter (story, (const gint64 *) (gpointer) ids->data, ids->len);
}

/**
 * nd_story_draft_save:
 * @self: a #NdStoryDraft
 * @store: the store to write to
 * @error: return location for a #GError
 *
 * Writes what changed: new and edited tags, contributors and the featured
 * image first (each is its own concept in the store), then the story with
 * their ids. After a failure the draft still knows what is left.
 *
 * Returns: whether everything is saved
 */
gboolean
nd_story_draft_save (NdStoryDraft  *self,
                     NdStoryStore  *store,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ND_IS_STORY_STORE (store), FALSE);

  for (guint i = 0; i < self->tags->len; i++)
    if (!save_object (self, store, g_ptr_array_index (self->tags, i), error))
      return FALSE;

  for (guint i = 0; i < self->contributors->len; i++)
    if (!save_object (self, store, g_ptr_array_index (self->contributors, i), error))
      return FALSE;

  if (self->media != NULL && !save_object (self, store, self->media, error))
    return FALSE;

  /* A contributor renamed and then taken off the story is still renamed. */
  {
    g_autoptr(GList) rest = g_hash_table_get_keys (self->dirty);

    for (GList *l = rest; l != NULL; l = l->next)
      {
        /* One made and dropped before it was saved is no loss. */
        if (object_id (l->data) == 0)
          g_hash_table_remove (self->dirty, l->data);
        else if (!save_object (self, store, l->data, error))
          return FALSE;
      }
  }

  if (!self->story_dirty)
    return TRUE;

  set_ids (self->story, self->tags, nd_story_set_tag_ids);
  set_ids (self->story, self->contributors, nd_story_set_contributor_ids);
  set_ids (self->story, self->related, nd_story_set_related_ids);
  nd_story_set_featured_media_id (self->story, self->media != NULL ? nd_media_get_id (self->media) : 0);

  if (!nd_story_store_save_story (store, self->story, error))
    return FALSE;

  self->story_dirty = FALSE;
  return TRUE;
}
