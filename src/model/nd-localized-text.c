/* nd-localized-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "nd-localized-text.h"

struct _NdLocalizedText
{
  GHashTable *texts;   /* language code → text */
};

NdLocalizedText *
nd_localized_text_new (void)
{
  NdLocalizedText *self = g_new0 (NdLocalizedText, 1);

  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
nd_localized_text_free (NdLocalizedText *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->texts);
  g_free (self);
}

/**
 * nd_localized_text_get:
 * @self: a #NdLocalizedText
 * @lang: a language code
 *
 * Returns: (nullable): the text in @lang, or %NULL when there is none
 */
const char *
nd_localized_text_get (NdLocalizedText *self,
                       const char      *lang)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  return g_hash_table_lookup (self->texts, lang);
}

/**
 * nd_localized_text_get_first:
 * @self: a #NdLocalizedText
 * @langs: (nullable): languages in order of preference
 *
 * Finds the text in the first of @langs that has one, and otherwise in any
 * language, so a label is never blank when some language has it.
 *
 * Returns: (nullable): a text, or %NULL when there is none at all
 */
const char *
nd_localized_text_get_first (NdLocalizedText    *self,
                             const char * const *langs)
{
  const char *best = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; langs != NULL && langs[i] != NULL; i++)
    {
      const char *text = g_hash_table_lookup (self->texts, langs[i]);

      if (text != NULL && *text != '\0')
        return text;
    }

  /* Hash order is arbitrary; take the smallest language code so the
   * fallback is the same on every call. */
  {
    GHashTableIter iter;
    gpointer key, value;
    const char *best_lang = NULL;

    g_hash_table_iter_init (&iter, self->texts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        if (*(const char *) value == '\0')
          continue;
        if (best_lang == NULL || g_strcmp0 (key, best_lang) < 0)
          {
            best_lang = key;
            best = value;
          }
      }
  }

  return best;
}

void
nd_localized_text_set (NdLocalizedText *self,
                       const char      *lang,
                       const char      *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (lang != NULL);

  if (text == NULL)
    g_hash_table_remove (self->texts, lang);
  else
    g_hash_table_insert (self->texts, g_strdup (lang), g_strdup (text));
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * nd_localized_text_get_langs:
 * @self: a #NdLocalizedText
 *
 * Returns: (transfer full): the language codes that have a text, sorted
 */
char **
nd_localized_text_get_langs (NdLocalizedText *self)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;
  char **langs;

  g_return_val_if_fail (self != NULL, NULL);

  keys = g_hash_table_get_keys_as_array (self->texts, &n_keys);
  langs = g_new0 (char *, n_keys + 1);
  for (guint i = 0; i < n_keys; i++)
    langs[i] = g_strdup (keys[i]);
  qsort (langs, n_keys, sizeof (char *), compare_strings);
  return langs;
}

guint
nd_localized_text_get_size (NdLocalizedText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->texts);
}
