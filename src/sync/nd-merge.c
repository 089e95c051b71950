/* nd-merge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-merge"

#include "config.h"

#include "nd-diff.h"
#include "nd-merge.h"
#include "nd-paragraphs.h"

/* What became of a block of the base on one side. */
typedef enum
{
  FATE_KEPT,
  FATE_CHANGED,
  FATE_REMOVED,
} Fate;

typedef struct
{
  Fate fate;
  int  index;   /* the block on this side, for FATE_KEPT and FATE_CHANGED */
} BaseBlock;

/* One side of a body merge, seen from the base: the fate of each base
 * block, and the blocks inserted before base block i (slot i; slot n is
 * after the last). */
typedef struct
{
  GPtrArray *blocks;   /* NdBlock */
  BaseBlock *base;     /* n_base */
  GArray   **inserts;  /* n_base + 1 arrays of int */
  guint      n_base;
} Side;

/**
 * nd_merge_conflict_new:
 * @field: the field
 * @paragraph: the body paragraph, or -1
 * @base: (nullable): the base value
 * @mine: the local value
 * @theirs: the server's value
 *
 * Returns: (transfer full): a new #NdMergeConflict
 */
NdMergeConflict *
nd_merge_conflict_new (NdSyncField  field,
                       int          paragraph,
                       const char  *base,
                       const char  *mine,
                       const char  *theirs)
{
  NdMergeConflict *conflict = g_new0 (NdMergeConflict, 1);

  conflict->field = field;
  conflict->paragraph = paragraph;
  conflict->base = g_strdup (base);
  conflict->mine = g_strdup (mine != NULL ? mine : "");
  conflict->theirs = g_strdup (theirs != NULL ? theirs : "");

  return conflict;
}

/**
 * nd_merge_conflict_free:
 * @conflict: (nullable): a #NdMergeConflict
 *
 * Frees @conflict.
 */
void
nd_merge_conflict_free (NdMergeConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->base);
  g_free (conflict->mine);
  g_free (conflict->theirs);
  g_free (conflict);
}

/**
 * nd_merge_result_free:
 * @result: (nullable): a #NdMergeResult
 *
 * Frees @result.
 */
void
nd_merge_result_free (NdMergeResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->merged, nd_sync_fields_free);
  g_clear_pointer (&result->conflicts, g_ptr_array_unref);
  g_free (result);
}

/* The body ------------------------------------------------------------------ */

static void
side_init (Side       *side,
           GPtrArray  *base_blocks,
           const char *text)
{
  g_autoptr(GArray) diff = NULL;
  g_autoptr(GArray) pending = NULL;
  guint pos = 0;

  side->blocks = nd_paragraphs_split (text);
  side->n_base = base_blocks->len;
  side->base = g_new0 (BaseBlock, base_blocks->len);
  side->inserts = g_new0 (GArray *, base_blocks->len + 1);
  for (guint i = 0; i <= base_blocks->len; i++)
    side->inserts[i] = g_array_new (FALSE, FALSE, sizeof (int));

  /* nd_diff_blocks() lists the blocks of both versions in order; a new
   * block belongs before the next base block that stays (kept or changed).
   * Blocks that differ only in white space are kept, and an old and a new
   * block with enough words in common are one changed block. A block
   * rewritten beyond that is a removal and an insertion, which the diff
   * may list in either order: new blocks wait until the next block that
   * stays, so that the insertion lands after the removed blocks either
   * way, and two sides that rewrote the same block differently meet at
   * the same place (a conflict) instead of both being kept. */
  diff = nd_diff_blocks (base_blocks, side->blocks);
  pending = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < diff->len; i++)
    {
      const NdBlockDiff *d = &g_array_index (diff, NdBlockDiff, i);

      switch (d->change)
        {
        case ND_BLOCK_UNCHANGED:
        case ND_BLOCK_CHANGED:
          g_array_append_vals (side->inserts[d->old_index], pending->data, pending->len);
          g_array_set_size (pending, 0);
          side->base[d->old_index] = (BaseBlock) { d->change == ND_BLOCK_UNCHANGED ? FATE_KEPT : FATE_CHANGED,
                                                   d->new_index };
          pos = d->old_index + 1;
          break;

        case ND_BLOCK_REMOVED:
          side->base[d->old_index] = (BaseBlock) { FATE_REMOVED, -1 };
          pos = d->old_index + 1;
          break;

        case ND_BLOCK_NEW:
          g_array_append_val (pending, d->new_index);
          break;

        default:
          g_assert_not_reached ();
        }
    }
  g_array_append_vals (side->inserts[pos], pending->data, pending->len);
}

static void
side_clear (Side *side)
{
  for (guint i = 0; i <= side->n_base; i++)
    g_array_unref (side->inserts[i]);
  g_free (side->inserts);
  g_free (side->base);
  g_ptr_array_unref (side->blocks);
}

static const char *
side_text (Side *side,
           int   index)
{
  return ((NdBlock *) side->blocks->pdata[index])->text;
}

/* The texts of the blocks inserted at a slot, joined as a body. */
static char *
inserted_text (Side *side,
               guint slot)
{
  GArray *inserts = side->inserts[slot];
  g_autofree const char **texts = g_new0 (const char *, inserts->len + 1);

  for (guint i = 0; i < inserts->len; i++)
    texts[i] = side_text (side, g_array_index (inserts, int, i));

  return nd_paragraphs_join (texts, inserts->len);
}

static gboolean
same_inserts (Side  *mine,
              Side  *theirs,
              guint  slot)
{
  GArray *a = mine->inserts[slot];
  GArray *b = theirs->inserts[slot];

  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (side_text (mine, g_array_index (a, int, i)),
                     side_text (theirs, g_array_index (b, int, i))) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
append_inserts (GPtrArray *out,
                Side      *side,
                guint      slot)
{
  GArray *inserts = side->inserts[slot];

  for (guint i = 0; i < inserts->len; i++)
    g_ptr_array_add (out, (gpointer) side_text (side, g_array_index (inserts, int, i)));
}

/* Whether the merged blocks are exactly a side's blocks, so that the side's
 * text can be kept as it was written, white space and all. */
static gboolean
same_blocks (GPtrArray *out,
             Side      *side)
{
  if (out->len != side->blocks->len)
    return FALSE;

  for (guint i = 0; i < out->len; i++)
    {
      if (g_strcmp0 (out->pdata[i], side_text (side, i)) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * nd_merge_body:
 * @base: (nullable): the body as last synced, %NULL when there is none
 * @mine: the local body
 * @theirs: the server's body
 * @conflicts: (element-type NdMergeConflict): where conflicts are appended
 *
 * Merges three versions of a CommonMark body block by block (blocks as
 * nd_paragraphs_split() makes them). Each side is aligned with the base
 * (nd_diff_blocks()); a block changed or removed on one side only takes
 * that change, blocks inserted on one side are kept where they were
 * inserted, and insertions on both sides in different places all stay.
 * The same block changed differently on both sides, changed on one side
 * and removed on the other, or different blocks inserted at the same place
 * are conflict hunks: the merge keeps the local version there and appends
 * an #NdMergeConflict with the block's index in the merged body.
 *
 * Without a base, differing bodies are one conflict for the whole body
 * (paragraph -1) and the local body is kept.
 *
 * Returns: (transfer full): the merged body
 */
char *
nd_merge_body (const char *base,
               const char *mine,
               const char *theirs,
               GPtrArray  *conflicts)
{
  g_autoptr(GPtrArray) base_blocks = NULL;
  g_autoptr(GPtrArray) out = NULL;
  Side m, t;
  char *result;

  g_return_val_if_fail (mine != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  if (g_str_equal (mine, theirs))
    return g_strdup (mine);

  if (base == NULL)
    {
      g_ptr_array_add (conflicts, nd_merge_conflict_new (ND_SYNC_FIELD_BODY, -1, NULL, mine, theirs));
      return g_strdup (mine);
    }

  if (g_str_equal (base, mine))
    return g_strdup (theirs);
  if (g_str_equal (base, theirs))
    return g_strdup (mine);

  base_blocks = nd_paragraphs_split (base);
  side_init (&m, base_blocks, mine);
  side_init (&t, base_blocks, theirs);
  out = g_ptr_array_new ();

  for (guint i = 0; i <= base_blocks->len; i++)
    {
      const char *base_text;
      BaseBlock bm, bt;

      /* What was inserted before this base block. */
      if (t.inserts[i]->len == 0)
        append_inserts (out, &m, i);
      else if (m.inserts[i]->len == 0 || same_inserts (&m, &t, i))
        append_inserts (out, &t, i);
      else
        {
          g_autofree char *mine_text = inserted_text (&m, i);
          g_autofree char *theirs_text = inserted_text (&t, i);

          g_ptr_array_add (conflicts, nd_merge_conflict_new (ND_SYNC_FIELD_BODY, out->len, "",
                                                             mine_text, theirs_text));
          append_inserts (out, &m, i);
        }

      if (i == base_blocks->len)
        break;

      base_text = ((NdBlock *) base_blocks->pdata[i])->text;
      bm = m.base[i];
      bt = t.base[i];

      if (bt.fate == FATE_KEPT)
        {
          if (bm.fate != FATE_REMOVED)
            g_ptr_array_add (out, (gpointer) side_text (&m, bm.index));
        }
      else if (bm.fate == FATE_KEPT)
        {
          if (bt.fate != FATE_REMOVED)
            g_ptr_array_add (out, (gpointer) side_text (&t, bt.index));
        }
      else if (bm.fate == FATE_REMOVED && bt.fate == FATE_REMOVED)
        {
          /* Removed on both sides. */
        }
      else if (bm.fate == FATE_CHANGED && bt.fate == FATE_CHANGED &&
               g_str_equal (side_text (&m, bm.index), side_text (&t, bt.index)))
        {
          g_ptr_array_add (out, (gpointer) side_text (&m, bm.index));
        }
      else if (bm.fate == FATE_CHANGED && bt.fate == FATE_REMOVED &&
               t.inserts[i + 1]->len > 0 && m.inserts[i + 1]->len == 0)
        {
          /* Edited here, rewritten there (removed, and new text in its
           * place): the two versions of the paragraph clash. */
          g_autofree char *theirs_text = inserted_text (&t, i + 1);

          g_ptr_array_add (conflicts, nd_merge_conflict_new (ND_SYNC_FIELD_BODY, out->len, base_text,
                                                             side_text (&m, bm.index), theirs_text));
          g_ptr_array_add (out, (gpointer) side_text (&m, bm.index));
          g_array_set_size (t.inserts[i + 1], 0);
        }
      else if (bm.fate == FATE_REMOVED && bt.fate == FATE_CHANGED &&
               m.inserts[i + 1]->len > 0 && t.inserts[i + 1]->len == 0)
        {
          /* Rewritten here, edited there: the same clash; the rewrite
           * here is kept in place, at the next slot. */
          g_autofree char *mine_text = inserted_text (&m, i + 1);

          g_ptr_array_add (conflicts, nd_merge_conflict_new (ND_SYNC_FIELD_BODY, out->len, base_text,
                                                             mine_text, side_text (&t, bt.index)));
        }
      else
        {
          /* Both sides did something different to this block: changed it
           * differently, or one changed what the other removed. */
          const char *mine_text = bm.fate == FATE_REMOVED ? "" : side_text (&m, bm.index);
          const char *theirs_text = bt.fate == FATE_REMOVED ? "" : side_text (&t, bt.index);

          g_ptr_array_add (conflicts, nd_merge_conflict_new (ND_SYNC_FIELD_BODY, out->len, base_text,
                                                             mine_text, theirs_text));
          if (bm.fate != FATE_REMOVED)
            g_ptr_array_add (out, (gpointer) mine_text);
        }
    }

  if (same_blocks (out, &m))
    result = g_strdup (mine);
  else if (same_blocks (out, &t))
    result = g_strdup (theirs);
  else
    result = nd_paragraphs_join ((const char * const *) out->pdata, out->len);

  side_clear (&m);
  side_clear (&t);
  return result;
}

/* Fields -------------------------------------------------------------------- */

static gboolean
tags_contain (GArray *tags,
              gint64  id)
{
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      if (g_array_index (tags, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/* Tags are a set: a tag is in the result when both sides have it, or when
 * one side added it (it is not in the base). A tag one side removed is gone
 * unless the other side added it again. Without a base this is the union. */
static void
merge_tags (NdSyncFields       *merged,
            const NdSyncFields *base,
            const NdSyncFields *mine,
            const NdSyncFields *theirs)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *base_tags = base != NULL ? base->tags : NULL;

  for (guint i = 0; i < mine->tags->len; i++)
    {
      gint64 id = g_array_index (mine->tags, gint64, i);

      if (tags_contain (theirs->tags, id) || !tags_contain (base_tags, id))
        g_array_append_val (result, id);
    }
  for (guint i = 0; i < theirs->tags->len; i++)
    {
      gint64 id = g_array_index (theirs->tags, gint64, i);

      if (!tags_contain (mine->tags, id) && !tags_contain (base_tags, id))
        g_array_append_val (result, id);
    }

  nd_sync_fields_set_tags (merged, (const gint64 *) (gpointer) result->data, result->len);
}

static void
take_field (NdSyncFields       *merged,
            const NdSyncFields *from,
            NdSyncField         field)
{
  g_autofree char *text = nd_sync_fields_get_text (from, field);

  nd_sync_fields_set_text (merged, field, text);
}

static void
add_field_conflict (GPtrArray          *conflicts,
                    const NdSyncFields *base,
                    const NdSyncFields *mine,
                    const NdSyncFields *theirs,
                    NdSyncField         field)
{
  g_autofree char *base_text = base != NULL ? nd_sync_fields_get_text (base, field) : NULL;
  g_autofree char *mine_text = nd_sync_fields_get_text (mine, field);
  g_autofree char *theirs_text = nd_sync_fields_get_text (theirs, field);

  g_ptr_array_add (conflicts, nd_merge_conflict_new (field, -1, base_text, mine_text, theirs_text));
}

/**
 * nd_merge_diff:
 * @a: one version
 * @b: another
 *
 * Returns: the fields where @a and @b differ (tags compared as sets)
 */
NdSyncFieldMask
nd_merge_diff (const NdSyncFields *a,
               const NdSyncFields *b)
{
  NdSyncFieldMask mask = 0;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  for (int field = 0; field < ND_SYNC_N_FIELDS; field++)
    {
      if (!nd_sync_fields_equal (a, b, field))
        mask |= ND_SYNC_FIELD_MASK (field);
    }

  return mask;
}

/**
 * nd_merge_fields:
 * @base: (nullable): the fields as last agreed with the server, %NULL when
 *   there is no base (the first sync of an edition that exists on both
 *   sides)
 * @mine: the fields here
 * @theirs: the fields on the server
 *
 * Merges three versions of an edition field by field. For each field:
 * when mine equals the base, theirs is taken; when theirs equals the base,
 * mine is kept; when both are equal, either; otherwise the field is a
 * conflict and mine is kept. Tags merge as sets and never conflict. The
 * body merges block by block (nd_merge_body()). Without a base every field
 * that differs is a conflict (the body as a whole) and tags are united.
 *
 * Returns: (transfer full): the merged fields, the conflicts, and which
 *   fields differ from each side
 */
NdMergeResult *
nd_merge_fields (const NdSyncFields *base,
                 const NdSyncFields *mine,
                 const NdSyncFields *theirs)
{
  NdMergeResult *result;

  g_return_val_if_fail (mine != NULL, NULL);
  g_return_val_if_fail (theirs != NULL, NULL);

  result = g_new0 (NdMergeResult, 1);
  result->merged = nd_sync_fields_copy (mine);
  result->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_merge_conflict_free);

  for (int field = 0; field < ND_SYNC_N_FIELDS; field++)
    {
      if (field == ND_SYNC_FIELD_TAGS)
        {
          merge_tags (result->merged, base, mine, theirs);
        }
      else if (field == ND_SYNC_FIELD_BODY)
        {
          g_free (result->merged->body);
          result->merged->body = nd_merge_body (base != NULL ? base->body : NULL,
                                                mine->body, theirs->body, result->conflicts);
        }
      else if (nd_sync_fields_equal (mine, theirs, field))
        {
          /* Both agree; mine is already there. */
        }
      else if (base != NULL && nd_sync_fields_equal (base, mine, field))
        {
          take_field (result->merged, theirs, field);
        }
      else if (base != NULL && nd_sync_fields_equal (base, theirs, field))
        {
          /* Only mine changed; mine is already there. */
        }
      else
        {
          add_field_conflict (result->conflicts, base, mine, theirs, field);
        }
    }

  result->changed_here = nd_merge_diff (result->merged, mine);
  result->changed_there = nd_merge_diff (result->merged, theirs);

  return result;
}
