/* nd-story-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-story-list"

#include "config.h"

#include "nd-story-list.h"

/* Items a list keeps loaded. A list view binds only the rows on screen, so
 * this bounds memory however many stories match. */
#define CACHE_SIZE 512

/* A list is read a part at a time: first what a window shows and a good
 * deal more, so the first frame does not wait for the ids of a whole
 * archive (100,000 stories took 30 ms), then the rest off the main thread,
 * a part a query. */
#define FIRST_PART 256
#define NEXT_PART  8192

/**
 * NdStoryList:
 *
 * A #GListModel of the stories matching a #NdStoryFilter, newest change
 * first, for list views of any size: it holds only the ids and sort keys
 * of the matches and loads a story (as a summary, without bodies) when a
 * row asks for it. It follows the store's signals and reports the smallest
 * change, so views keep their scroll position and selection.
 */
struct _NdStoryList
{
  GObject        parent_instance;

  NdStoryStore  *store;
  NdStoryFilter  filter;
  char          *filter_lang;
  GArray        *rows;     /* NdStoryRow, in list order */
  GHashTable    *cache;    /* story id → NdStory */
  gboolean       complete; /* @rows holds every match, not only the first */
  NdStoryRow     cursor;   /* the last row read from the store, while not complete */
  GCancellable  *loading;  /* reading the rest off the main thread */
  guint          rest_source; /* the rest's read, waiting for an idle main loop */
  GHashTable    *touched;  /* ids of stories that changed while not complete */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NdStoryList, nd_story_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
nd_story_list_get_item_type (GListModel *model)
{
  return ND_TYPE_STORY;
}

static guint
nd_story_list_get_n_items (GListModel *model)
{
  NdStoryList *self = ND_STORY_LIST (model);

  return self->rows->len;
}

static gpointer
nd_story_list_get_item (GListModel *model,
                        guint       position)
{
  NdStoryList *self = ND_STORY_LIST (model);
  g_autoptr(GError) error = NULL;
  NdStory *story;
  gint64 id;

  if (position >= self->rows->len)
    return NULL;

  id = g_array_index (self->rows, NdStoryRow, position).id;
  story = g_hash_table_lookup (self->cache, &id);
  if (story != NULL)
    return g_object_ref (story);

  story = nd_story_store_load_story_summary (self->store, id, &error);
  if (story == NULL)
    {
      /* A list must hand out an item for every position it reports; an
       * empty story stands in until the next change notification. */
      g_warning ("Could not load story %" G_GINT64_FORMAT ": %s", id, error->message);
      story = nd_story_new ();
      nd_story_set_id (story, id);
    }

  if (g_hash_table_size (self->cache) >= CACHE_SIZE)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), story);

  return g_object_ref (story);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = nd_story_list_get_item_type;
  iface->get_n_items = nd_story_list_get_n_items;
  iface->get_item = nd_story_list_get_item;
}

static int
compare_rows (const NdStoryRow *a,
              const NdStoryRow *b)
{
  if (a->updated_at != b->updated_at)
    return a->updated_at > b->updated_at ? -1 : 1;
  if (a->id != b->id)
    return a->id > b->id ? -1 : 1;
  return 0;
}

static guint
find_insert_position (NdStoryList      *self,
                      const NdStoryRow *row)
{
  guint low = 0;
  guint high = self->rows->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_rows (&g_array_index (self->rows, NdStoryRow, mid), row) < 0)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

/* Adds the rows read after the cursor, or says why they could not be
 * read (@rest is %NULL and @error set). Stories that changed while they
 * were read were placed by the change signals, from the store as it is
 * now: their rows read before are out of date and left out. A story so
 * placed may have gone after the rows read until then; it is sorted in
 * with the rest. */
static void
merge_rest (NdStoryList  *self,
            GArray       *rest,
            const GError *error)
{
  g_autoptr(GArray) fresh = NULL;
  guint old_len = self->rows->len;
  guint first;

  if (rest == NULL)
    {
      /* What was read is kept; the list stays short rather than wrong. */
      g_warning ("Could not read the rest of the story list: %s", error->message);
      self->complete = TRUE;
      g_hash_table_remove_all (self->touched);
      return;
    }

  fresh = g_array_sized_new (FALSE, FALSE, sizeof (NdStoryRow), rest->len);
  for (guint i = 0; i < rest->len; i++)
    {
      const NdStoryRow *row = &g_array_index (rest, NdStoryRow, i);

      if (!g_hash_table_contains (self->touched, &row->id))
        g_array_append_vals (fresh, row, 1);
    }

  self->complete = TRUE;
  g_hash_table_remove_all (self->touched);
  if (fresh->len == 0)
    return;

  /* Removal and addition are told apart, as in nd_story_list_reload(),
   * each with the list as it then is. */
  first = find_insert_position (self, &g_array_index (fresh, NdStoryRow, 0));
  if (first < old_len)
    {
      g_array_prepend_vals (fresh, &g_array_index (self->rows, NdStoryRow, first), old_len - first);
      qsort (fresh->data, fresh->len, sizeof (NdStoryRow), (int (*) (const void *, const void *)) compare_rows);
      g_array_set_size (self->rows, first);
      g_list_model_items_changed (G_LIST_MODEL (self), first, old_len - first, 0);
    }

  g_array_append_vals (self->rows, fresh->data, fresh->len);
  g_list_model_items_changed (G_LIST_MODEL (self), first, 0, fresh->len);
}

static void
on_rest_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(NdStoryList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rest = NULL;

  rest = nd_story_store_query_story_rows_after_finish (ND_STORY_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->loading);
  merge_rest (self, rest, error);
}

static gboolean
read_rest_cb (gpointer user_data)
{
  NdStoryList *self = user_data;

  self->rest_source = 0;
  self->loading = g_cancellable_new ();
  nd_story_store_query_story_rows_after_async (self->store, &self->filter, &self->cursor, NEXT_PART,
                                               self->loading, on_rest_read_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* The first rows are read at once, for the first frame; the rest, which on
 * a long desk takes a tenth of a second, off the main thread once the main
 * loop is idle: at start-up, after the window's first frame, so that the
 * read does not take the second core from the renderer while the window
 * is drawn. */
static void
start_reading_rest (NdStoryList *self)
{
  self->rest_source = g_idle_add_full (G_PRIORITY_LOW, read_rest_cb, self, NULL);
}

static void
stop_reading_rest (NdStoryList *self)
{
  g_clear_handle_id (&self->rest_source, g_source_remove);
  if (self->loading == NULL)
    return;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
}

/* Reads the rest now, for an answer that needs the whole list. */
static void
load_rest (NdStoryList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rest = NULL;

  if (self->complete)
    return;

  stop_reading_rest (self);
  rest = nd_story_store_query_story_rows_after (self->store, &self->filter, &self->cursor, 0, &error);
  merge_rest (self, rest, error);
}

/* A story that changes before the whole list is read is placed from the
 * store as it is now; its row in what is still being read is not used. */
static void
note_touched (NdStoryList *self,
              gint64       story_id)
{
  if (!self->complete)
    g_hash_table_add (self->touched, g_memdup2 (&story_id, sizeof story_id));
}

static guint
find_loaded (NdStoryList *self,
             gint64       story_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, NdStoryRow, i).id == story_id)
      return i;

  return G_MAXUINT;
}

/**
 * nd_story_list_find:
 * @self: a #NdStoryList
 * @story_id: a story id
 *
 * Returns: the story's position, or %G_MAXUINT when it is not in the list
 */
guint
nd_story_list_find (NdStoryList *self,
                    gint64       story_id)
{
  g_return_val_if_fail (ND_IS_STORY_LIST (self), G_MAXUINT);

  /* A story not read yet is in the list all the same. */
  load_rest (self);

  return find_loaded (self, story_id);
}

static void
refresh_cached_story (NdStoryList *self,
                      gint64       story_id)
{
  g_autoptr(NdStory) fresh = NULL;
  NdStory *cached = g_hash_table_lookup (self->cache, &story_id);

  if (cached == NULL)
    return;

  fresh = nd_story_store_load_story_summary (self->store, story_id, NULL);
  if (fresh != NULL)
    nd_story_update_from (cached, fresh);
  else
    g_hash_table_remove (self->cache, &story_id);
}

/* Moves one story to where it now belongs, or out of the list, and tells the
 * views exactly which range changed. */
static void
update_story (NdStoryList *self,
              gint64       story_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) match = NULL;
  guint old_position;
  guint new_position;
  guint first, last;

  match = nd_story_store_query_story_rows (self->store, &self->filter, 1, story_id, &error);
  if (match == NULL)
    {
      g_warning ("Could not update the story list: %s", error->message);
      return;
    }

  note_touched (self, story_id);
  refresh_cached_story (self, story_id);
  old_position = find_loaded (self, story_id);

  if (old_position != G_MAXUINT)
    g_array_remove_index (self->rows, old_position);

  if (match->len == 0)
    {
      if (old_position != G_MAXUINT)
        {
          g_hash_table_remove (self->cache, &story_id);
          g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
        }
      return;
    }

  new_position = find_insert_position (self, &g_array_index (match, NdStoryRow, 0));
  g_array_insert_val (self->rows, new_position, g_array_index (match, NdStoryRow, 0));

  if (old_position == G_MAXUINT)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
      return;
    }

  /* A story that moved from old to new shifts every row between them. */
  first = MIN (old_position, new_position);
  last = MAX (old_position, new_position);
  g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1, last - first + 1);
}

static void
on_story_added_cb (NdStoryList  *self,
                   gint64        story_id,
                   NdStoryStore *store)
{
  update_story (self, story_id);
}

static void
on_story_changed_cb (NdStoryList  *self,
                     gint64        story_id,
                     NdStoryStore *store)
{
  update_story (self, story_id);
}

static void
on_story_removed_cb (NdStoryList  *self,
                     gint64        story_id,
                     NdStoryStore *store)
{
  guint position = find_loaded (self, story_id);

  note_touched (self, story_id);
  g_hash_table_remove (self->cache, &story_id);
  if (position == G_MAXUINT)
    return;

  g_array_remove_index (self->rows, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
on_reset_cb (NdStoryList  *self,
             NdStoryStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!nd_story_list_reload (self, &error))
    g_warning ("Could not reload the story list: %s", error->message);
}

static void
nd_story_list_dispose (GObject *object)
{
  NdStoryList *self = (NdStoryList *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  stop_reading_rest (self);
  g_clear_object (&self->store);
  g_hash_table_remove_all (self->cache);

  G_OBJECT_CLASS (nd_story_list_parent_class)->dispose (object);
}

static void
nd_story_list_finalize (GObject *object)
{
  NdStoryList *self = (NdStoryList *)object;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->filter_lang, g_free);

  G_OBJECT_CLASS (nd_story_list_parent_class)->finalize (object);
}

static void
nd_story_list_class_init (NdStoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_story_list_dispose;
  object_class->finalize = nd_story_list_finalize;
}

static void
nd_story_list_init (NdStoryList *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (NdStoryRow));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
copy_filter (NdStoryList         *self,
             const NdStoryFilter *filter)
{
  static const NdStoryFilter everything = { 0 };

  g_clear_pointer (&self->filter_lang, g_free);
  self->filter = filter != NULL ? *filter : everything;
  self->filter_lang = g_strdup (self->filter.lang);
  self->filter.lang = self->filter_lang;
}

/**
 * nd_story_list_new:
 * @store: a #NdStoryStore
 * @filter: (nullable): which stories to list; copied
 *
 * Returns: (transfer full): a list of the matching stories
 */
NdStoryList *
nd_story_list_new (NdStoryStore        *store,
                   const NdStoryFilter *filter)
{
  g_autoptr(GError) error = NULL;
  NdStoryList *self;

  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  self = g_object_new (ND_TYPE_STORY_LIST, NULL);
  self->store = g_object_ref (store);
  copy_filter (self, filter);

  g_signal_connect_object (store, "story-added", G_CALLBACK (on_story_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "story-changed", G_CALLBACK (on_story_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "story-removed", G_CALLBACK (on_story_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "reset", G_CALLBACK (on_reset_cb), self, G_CONNECT_SWAPPED);

  if (!nd_story_list_reload (self, &error))
    g_warning ("Could not load the story list: %s", error->message);

  return self;
}

NdStoryStore *
nd_story_list_get_store (NdStoryList *self)
{
  g_return_val_if_fail (ND_IS_STORY_LIST (self), NULL);

  return self->store;
}

/**
 * nd_story_list_reload:
 * @self: a #NdStoryList
 * @error: return location for a #GError
 *
 * Reads the matching stories again from the store.
 */
gboolean
nd_story_list_reload (NdStoryList  *self,
                      GError      **error)
{
  g_autoptr(GArray) rows = NULL;
  guint old_len;

  g_return_val_if_fail (ND_IS_STORY_LIST (self), FALSE);

  stop_reading_rest (self);
  rows = nd_story_store_query_story_rows (self->store, &self->filter, FIRST_PART, 0, error);
  if (rows == NULL)
    return FALSE;
  self->complete = rows->len < FIRST_PART;
  g_hash_table_remove_all (self->touched);

  /* Removal and addition are told apart: told as one change, a list view
   * looks for the row it tracks among every added item, and loading each of
   * them costs seconds on a large desk. */
  old_len = self->rows->len;
  g_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->cache);
  if (old_len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, 0);

  g_array_unref (self->rows);
  self->rows = g_steal_pointer (&rows);
  if (self->rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->rows->len);

  if (!self->complete)
    {
      self->cursor = g_array_index (self->rows, NdStoryRow, self->rows->len - 1);
      start_reading_rest (self);
    }

  return TRUE;
}

/**
 * nd_story_list_set_filter:
 * @self: a #NdStoryList
 * @filter: (nullable): which stories to list; copied
 *
 * Changes which stories the list holds.
 */
void
nd_story_list_set_filter (NdStoryList         *self,
                          const NdStoryFilter *filter)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ND_IS_STORY_LIST (self));

  copy_filter (self, filter);
  if (!nd_story_list_reload (self, &error))
    g_warning ("Could not filter the story list: %s", error->message);
}
