/* nd-search-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-search-result.h"
#include "nd-story-store.h"

/**
 * NdSearchResult:
 *
 * One story found by search, with the language and the passage that
 * matched, as the story list shows it while the editor searches.
 */
struct _NdSearchResult
{
  GObject  parent_instance;

  NdStory *story;
  char    *lang;
  char    *snippet;
};

G_DEFINE_FINAL_TYPE (NdSearchResult, nd_search_result, G_TYPE_OBJECT)

static void
nd_search_result_finalize (GObject *object)
{
  NdSearchResult *self = (NdSearchResult *)object;

  g_clear_object (&self->story);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->snippet, g_free);

  G_OBJECT_CLASS (nd_search_result_parent_class)->finalize (object);
}

static void
nd_search_result_class_init (NdSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nd_search_result_finalize;
}

static void
nd_search_result_init (NdSearchResult *self)
{
}

NdSearchResult *
nd_search_result_new (NdStory    *story,
                      const char *lang,
                      const char *snippet)
{
  NdSearchResult *self;

  g_return_val_if_fail (ND_IS_STORY (story), NULL);

  self = g_object_new (ND_TYPE_SEARCH_RESULT, NULL);
  self->story = g_object_ref (story);
  self->lang = g_strdup (lang);
  self->snippet = g_strdup (snippet);
  return self;
}

NdStory *
nd_search_result_get_story (NdSearchResult *self)
{
  g_return_val_if_fail (ND_IS_SEARCH_RESULT (self), NULL);

  return self->story;
}

const char *
nd_search_result_get_lang (NdSearchResult *self)
{
  g_return_val_if_fail (ND_IS_SEARCH_RESULT (self), NULL);

  return self->lang;
}

const char *
nd_search_result_get_snippet (NdSearchResult *self)
{
  g_return_val_if_fail (ND_IS_SEARCH_RESULT (self), NULL);

  return self->snippet;
}

/**
 * nd_search_snippet_to_markup:
 * @snippet: a snippet from nd_story_store_search(), matches between
 *   %ND_SEARCH_MARK_START and %ND_SEARCH_MARK_END
 *
 * Every piece of the stored text is escaped; only the match marks become
 * markup, so nothing in a story can inject formatting.
 *
 * Returns: (transfer full): Pango markup with the matches in bold
 */
char *
nd_search_snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = snippet;
  gboolean open = FALSE;

  g_return_val_if_fail (snippet != NULL, NULL);

  while (*p != '\0')
    {
      const char *mark = strpbrk (p, ND_SEARCH_MARK_START ND_SEARCH_MARK_END "\n");
      g_autofree char *escaped = NULL;

      if (mark == NULL)
        mark = p + strlen (p);
      escaped = g_markup_escape_text (p, mark - p);
      g_string_append (markup, escaped);
      if (*mark == '\0')
        break;
      /* A story's own text could hold the mark characters; only balanced
       * pairs become markup, so the result always parses. */
      if (*mark == ND_SEARCH_MARK_START[0] && !open)
        g_string_append (markup, "<b>");
      else if (*mark == ND_SEARCH_MARK_END[0] && open)
        g_string_append (markup, "</b>");
      else if (*mark == '\n')
        g_string_append_c (markup, ' ');
      if (*mark == ND_SEARCH_MARK_START[0] || *mark == ND_SEARCH_MARK_END[0])
        open = *mark == ND_SEARCH_MARK_START[0];
      p = mark + 1;
    }

  if (open)
    g_string_append (markup, "</b>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}
