/* test-merge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-merge.h"

/* Body merges: three bodies, the merged body expected, and the conflict
 * hunks expected as "paragraph|base|mine|theirs" joined by ";" (base "-"
 * for none). */
typedef struct
{
  const char *name;
  const char *base;
  const char *mine;
  const char *theirs;
  const char *merged;
  const char *conflicts;
} BodyCase;

static const BodyCase body_cases[] = {
  { "only-mine-changed",
    "A one.\n\nB two.\n\nC three.",
    "A one.\n\nB two, edited here.\n\nC three.",
    "A one.\n\nB two.\n\nC three.",
    "A one.\n\nB two, edited here.\n\nC three.", "" },
  { "only-theirs-changed",
    "A one.\n\nB two.\n\nC three.",
    "A one.\n\nB two.\n\nC three.",
    "A one.\n\nB two.\n\nC three, edited there.",
    "A one.\n\nB two.\n\nC three, edited there.", "" },
  { "both-same-change",
    "A one.\n\nB two.",
    "A one.\n\nB two and more.",
    "A one.\n\nB two and more.",
    "A one.\n\nB two and more.", "" },
  { "different-paragraphs-edited",
    "The first paragraph of the story.\n\nThe second paragraph of the story.\n\nThe third paragraph of the story.",
    "The first paragraph of the story, edited here.\n\nThe second paragraph of the story.\n\nThe third paragraph of the story.",
    "The first paragraph of the story.\n\nThe second paragraph of the story.\n\nThe third paragraph of the story, edited there.",
    "The first paragraph of the story, edited here.\n\nThe second paragraph of the story.\n\nThe third paragraph of the story, edited there.",
    "" },
  { "same-paragraph-edited-differently",
    "Intro stays.\n\nThe minister said on Monday that talks would resume.\n\nOutro stays.",
    "Intro stays.\n\nThe minister said on Tuesday that talks would resume.\n\nOutro stays.",
    "Intro stays.\n\nThe minister said on Monday that the talks would resume soon.\n\nOutro stays.",
    "Intro stays.\n\nThe minister said on Tuesday that talks would resume.\n\nOutro stays.",
    "1|The minister said on Monday that talks would resume.|The minister said on Tuesday that talks would resume.|The minister said on Monday that the talks would resume soon." },
  { "insert-at-both-ends",
    "Middle paragraph.",
    "A new lead paragraph written here.\n\nMiddle paragraph.",
    "Middle paragraph.\n\nA closing paragraph written on the website.",
    "A new lead paragraph written here.\n\nMiddle paragraph.\n\nA closing paragraph written on the website.", "" },
  { "inserts-in-different-places",
    "One.\n\nTwo.\n\nThree.",
    "One.\n\nMine after one.\n\nTwo.\n\nThree.",
    "One.\n\nTwo.\n\nTheirs after two.\n\nThree.",
    "One.\n\nMine after one.\n\nTwo.\n\nTheirs after two.\n\nThree.", "" },
  { "same-insert-both-sides",
    "One.\n\nTwo.",
    "One.\n\nInserted.\n\nTwo.",
    "One.\n\nInserted.\n\nTwo.",
    "One.\n\nInserted.\n\nTwo.", "" },
  { "first-paragraph-replaced-differently",
    "One.\n\nTwo.\n\nThree.",
    "One, edited here.\n\nTwo.\n\nThree.",
    "One, edited on the website.\n\nTwo.\n\nThree.",
    "One, edited here.\n\nTwo.\n\nThree.",
    "0|One.|One, edited here.|One, edited on the website." },
  { "rewritten-here-edited-there",
    "One.\n\nTwo.\n\nThree.",
    "One, edited on the website.\n\nTwo.\n\nThree.",
    "One, edited here.\n\nTwo.\n\nThree.",
    "One, edited on the website.\n\nTwo.\n\nThree.",
    "0|One.|One, edited on the website.|One, edited here." },
  { "rewritten-differently-on-both-sides",
    "Alpha.\n\nTwo.",
    "Something else entirely, written here.\n\nTwo.",
    "A wholly different text from the website.\n\nTwo.",
    "Something else entirely, written here.\n\nTwo.",
    "0||Something else entirely, written here.|A wholly different text from the website." },
  { "different-inserts-same-place",
    "One.\n\nTwo.",
    "One.\n\nMine here.\n\nTwo.",
    "One.\n\nTheirs here.\n\nTwo.",
    "One.\n\nMine here.\n\nTwo.",
    "1||Mine here.|Theirs here." },
  { "deletion-mine-only",
    "Keep one.\n\nDelete me please.\n\nKeep three.",
    "Keep one.\n\nKeep three.",
    "Keep one.\n\nDelete me please.\n\nKeep three.",
    "Keep one.\n\nKeep three.", "" },
  { "deletion-theirs-and-edit-mine-elsewhere",
    "Alpha paragraph here.\n\nBeta paragraph here.\n\nGamma paragraph here.",
    "Alpha paragraph here, edited.\n\nBeta paragraph here.\n\nGamma paragraph here.",
    "Alpha paragraph here.\n\nGamma paragraph here.",
    "Alpha paragraph here, edited.\n\nGamma paragraph here.", "" },
  { "deletion-vs-edit-same-paragraph",
    "Alpha paragraph here.\n\nThe contested paragraph about the budget.\n\nGamma paragraph here.",
    "Alpha paragraph here.\n\nGamma paragraph here.",
    "Alpha paragraph here.\n\nThe contested paragraph about the budget, revised.\n\nGamma paragraph here.",
    "Alpha paragraph here.\n\nGamma paragraph here.",
    "1|The contested paragraph about the budget.||The contested paragraph about the budget, revised." },
  { "edit-vs-deletion-same-paragraph",
    "Alpha paragraph here.\n\nThe contested paragraph about the budget.\n\nGamma paragraph here.",
    "Alpha paragraph here.\n\nThe contested paragraph about the budget, revised here.\n\nGamma paragraph here.",
    "Alpha paragraph here.\n\nGamma paragraph here.",
    "Alpha paragraph here.\n\nThe contested paragraph about the budget, revised here.\n\nGamma paragraph here.",
    "1|The contested paragraph about the budget.|The contested paragraph about the budget, revised here.|" },
  { "both-deleted-same",
    "One stays.\n\nGone on both sides.\n\nThree stays.",
    "One stays.\n\nThree stays.",
    "One stays.\n\nThree stays.",
    "One stays.\n\nThree stays.", "" },
  { "both-deleted-different",
    "One.\n\nTwo.\n\nThree.",
    "Two.\n\nThree.",
    "One.\n\nTwo.",
    "Two.", "" },
  { "no-base-equal",
    NULL, "Same text.", "Same text.", "Same text.", "" },
  { "no-base-different",
    NULL, "Our text.", "Their text.", "Our text.", "-1|-|Our text.|Their text." },
  { "empty-base-both-wrote",
    "", "Our first paragraph.", "Their first paragraph.", "Our first paragraph.",
    "0||Our first paragraph.|Their first paragraph." },
  { "russian",
    "Москва заявила о переговорах.\n\nВторой абзац без изменений.\n\nТретий абзац о Кавказе.",
    "Москва заявила о возобновлении переговоров.\n\nВторой абзац без изменений.\n\nТретий абзац о Кавказе.",
    "Москва заявила о переговорах.\n\nВторой абзац без изменений.\n\nТретий абзац о Кавказе и Закавказье.",
    "Москва заявила о возобновлении переговоров.\n\nВторой абзац без изменений.\n\nТретий абзац о Кавказе и Закавказье.",
    "" },
  { "arabic-conflict",
    "قالت موسكو إن المحادثات ستستأنف.\n\nفقرة ثانية.",
    "قالت موسكو يوم الثلاثاء إن المحادثات ستستأنف.\n\nفقرة ثانية.",
    "قالت موسكو إن المحادثات ستستأنف قريبا.\n\nفقرة ثانية.",
    "قالت موسكو يوم الثلاثاء إن المحادثات ستستأنف.\n\nفقرة ثانية.",
    "0|قالت موسكو إن المحادثات ستستأنف.|قالت موسكو يوم الثلاثاء إن المحادثات ستستأنف.|قالت موسكو إن المحادثات ستستأنف قريبا." },
  { "whitespace-only-theirs-keeps-mine",
    "One.\n\nTwo.",
    "One.\n\nTwo, edited.",
    "One.  \n\n\n\nTwo.\n",
    "One.\n\nTwo, edited.", "" },
  { "heading-and-list-blocks",
    "## Background\n\n- first point\n- second point\n\nClosing line.",
    "## Background and context\n\n- first point\n- second point\n\nClosing line.",
    "## Background\n\n- first point\n- second point\n- third point\n\nClosing line.",
    "## Background and context\n\n- first point\n- second point\n- third point\n\nClosing line.", "" },
  { "mine-rewrote-all-theirs-untouched",
    "Old one.\n\nOld two.",
    "Completely new text.",
    "Old one.\n\nOld two.",
    "Completely new text.", "" },
  { "theirs-emptied",
    "Old one.\n\nOld two.",
    "Old one.\n\nOld two.",
    "",
    "", "" },
};

static char *
describe_conflicts (GPtrArray *conflicts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const NdMergeConflict *c = conflicts->pdata[i];

      g_assert_cmpint (c->field, ==, ND_SYNC_FIELD_BODY);
      g_string_append_printf (out, "%s%d|%s|%s|%s", i > 0 ? ";" : "", c->paragraph,
                              c->base != NULL ? c->base : "-", c->mine, c->theirs);
    }

  return g_string_free (out, FALSE);
}

static void
test_body_case (gconstpointer data)
{
  const BodyCase *c = data;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_merge_conflict_free);
  g_autofree char *merged = nd_merge_body (c->base, c->mine, c->theirs, conflicts);
  g_autofree char *described = describe_conflicts (conflicts);

  g_assert_cmpstr (merged, ==, c->merged);
  g_assert_cmpstr (described, ==, c->conflicts);
}

/* Merging is symmetric but for which side a conflict keeps: with the sides
 * swapped and no conflict, the same body comes out. */
static void
test_body_symmetry (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (body_cases); i++)
    {
      const BodyCase *c = &body_cases[i];
      g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_merge_conflict_free);
      g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_merge_conflict_free);
      g_autofree char *ab = nd_merge_body (c->base, c->mine, c->theirs, a);
      g_autofree char *ba = nd_merge_body (c->base, c->theirs, c->mine, b);

      g_assert_cmpuint (a->len, ==, b->len);
      if (a->len == 0 && g_strcmp0 (c->name, "whitespace-only-theirs-keeps-mine") != 0)
        g_assert_cmpstr (ab, ==, ba);
    }
}

/* Fields ---------------------------------------------------------------- */

static NdSyncFields *
fields (const char *headline,
        const char *body,
        const char *status,
        gint64      date,
        gint64      section,
        const char *tags)
{
  NdSyncFields *f = nd_sync_fields_new ();
  g_auto(GStrv) ids = g_strsplit (tags, ",", -1);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

  nd_sync_fields_set_text (f, ND_SYNC_FIELD_HEADLINE, headline);
  nd_sync_fields_set_text (f, ND_SYNC_FIELD_STANDFIRST, "Standfirst.");
  nd_sync_fields_set_text (f, ND_SYNC_FIELD_DATELINE, "MOSCOW");
  nd_sync_fields_set_text (f, ND_SYNC_FIELD_BODY, body);
  nd_sync_fields_set_text (f, ND_SYNC_FIELD_SLUG, "a-slug");
  nd_sync_fields_set_text (f, ND_SYNC_FIELD_STATUS, status);
  f->date_gmt = date;
  f->section = section;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id;

      if (*ids[i] == '\0')
        continue;
      id = g_ascii_strtoll (ids[i], NULL, 10);
      g_array_append_val (values, id);
    }
  nd_sync_fields_set_tags (f, (const gint64 *) (gpointer) values->data, values->len);

  return f;
}

static char *
tags_text (const NdSyncFields *f)
{
  return nd_sync_fields_get_text (f, ND_SYNC_FIELD_TAGS);
}

/* Tag sets: base, mine, theirs, expected. */
typedef struct
{
  const char *base;
  const char *mine;
  const char *theirs;
  const char *merged;
} TagCase;

static const TagCase tag_cases[] = {
  { "1,2", "1,2,3", "1,2", "1,2,3" },     /* added here */
  { "1,2", "1,2", "1,2,4", "1,2,4" },     /* added there */
  { "1,2", "1,2,3", "1,2,4", "1,2,3,4" }, /* added on both sides: union */
  { "1,2", "2", "1,2", "2" },             /* removed here */
  { "1,2", "1,2,5", "2", "2,5" },         /* removed there, added here */
  { "1,2", "2", "1", "" },                /* each side removed one */
  { "1,2", "2,1", "1,2", "1,2" },         /* order does not count */
  { NULL, "1,3", "2,3", "1,2,3" },        /* no base: union */
};

static void
test_tags (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_cases); i++)
    {
      const TagCase *c = &tag_cases[i];
      g_autoptr(NdSyncFields) base = c->base != NULL ? fields ("H", "B.", "draft", 0, 0, c->base) : NULL;
      g_autoptr(NdSyncFields) mine = fields ("H", "B.", "draft", 0, 0, c->mine);
      g_autoptr(NdSyncFields) theirs = fields ("H", "B.", "draft", 0, 0, c->theirs);
      g_autoptr(NdMergeResult) result = nd_merge_fields (base, mine, theirs);
      g_autofree char *merged = tags_text (result->merged);

      g_test_message ("tag case %u", i);
      g_assert_cmpstr (merged, ==, c->merged);
      g_assert_cmpuint (result->conflicts->len, ==, 0);
    }
}

static void
test_fields_only_theirs (void)
{
  g_autoptr(NdSyncFields) base = fields ("Old headline", "Body.", "draft", 0, 3, "1");
  g_autoptr(NdSyncFields) mine = fields ("Old headline", "Body.", "draft", 0, 3, "1");
  g_autoptr(NdSyncFields) theirs = fields ("New headline", "Body.", "publish", 1700000000, 4, "1");
  g_autoptr(NdMergeResult) result = nd_merge_fields (base, mine, theirs);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpstr (result->merged->headline, ==, "New headline");
  g_assert_cmpstr (result->merged->status, ==, "publish");
  g_assert_cmpint (result->merged->date_gmt, ==, 1700000000);
  g_assert_cmpint (result->merged->section, ==, 4);
  g_assert_cmpuint (result->changed_here, ==, ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_HEADLINE) |
                    ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_STATUS) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_DATE) |
                    ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SECTION));
  g_assert_cmpuint (result->changed_there, ==, 0);
}

static void
test_fields_only_mine (void)
{
  g_autoptr(NdSyncFields) base = fields ("Old headline", "Body.", "draft", 0, 3, "1");
  g_autoptr(NdSyncFields) mine = fields ("My headline", "Body, edited.", "draft", 0, 3, "1,2");
  g_autoptr(NdSyncFields) theirs = fields ("Old headline", "Body.", "draft", 0, 3, "1");
  g_autoptr(NdMergeResult) result = nd_merge_fields (base, mine, theirs);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpstr (result->merged->headline, ==, "My headline");
  g_assert_cmpstr (result->merged->body, ==, "Body, edited.");
  g_assert_cmpuint (result->changed_here, ==, 0);
  g_assert_cmpuint (result->changed_there, ==, ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_HEADLINE) |
                    ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY) | ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_TAGS));
}

static void
test_fields_both_same (void)
{
  g_autoptr(NdSyncFields) base = fields ("Old", "Body.", "draft", 0, 3, "1");
  g_autoptr(NdSyncFields) mine = fields ("Same new", "Body.", "publish", 0, 3, "1");
  g_autoptr(NdSyncFields) theirs = fields ("Same new", "Body.", "publish", 0, 3, "1");
  g_autoptr(NdMergeResult) result = nd_merge_fields (base, mine, theirs);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpstr (result->merged->headline, ==, "Same new");
  g_assert_cmpuint (result->changed_here, ==, 0);
  g_assert_cmpuint (result->changed_there, ==, 0);
}

static void
test_fields_both_different (void)
{
  g_autoptr(NdSyncFields) base = fields ("Старый заголовок", "Абзац.", "draft", 100, 3, "1");
  g_autoptr(NdSyncFields) mine = fields ("Мой заголовок", "Абзац.", "future", 200, 3, "1");
  g_autoptr(NdSyncFields) theirs = fields ("Их заголовок", "Абзац.", "draft", 300, 5, "1");
  g_autoptr(NdMergeResult) result = nd_merge_fields (base, mine, theirs);
  const NdMergeConflict *c;

  /* Headline and date conflict; status changed only here, section only
   * there. */
  g_assert_cmpuint (result->conflicts->len, ==, 2);
  c = result->conflicts->pdata[0];
  g_assert_cmpint (c->field, ==, ND_SYNC_FIELD_HEADLINE);
  g_assert_cmpint (c->paragraph, ==, -1);
  g_assert_cmpstr (c->base, ==, "Старый заголовок");
  g_assert_cmpstr (c->mine, ==, "Мой заголовок");
  g_assert_cmpstr (c->theirs, ==, "Их заголовок");
  c = result->conflicts->pdata[1];
  g_assert_cmpint (c->field, ==, ND_SYNC_FIELD_DATE);

  g_assert_cmpstr (result->merged->headline, ==, "Мой заголовок");
  g_assert_cmpint (result->merged->date_gmt, ==, 200);
  g_assert_cmpstr (result->merged->status, ==, "future");
  g_assert_cmpint (result->merged->section, ==, 5);
  g_assert_cmpuint (result->changed_here, ==, ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_SECTION));
}

static void
test_fields_no_base (void)
{
  g_autoptr(NdSyncFields) mine = fields ("Заголовок", "Our body.", "draft", 0, 3, "1");
  g_autoptr(NdSyncFields) theirs = fields ("Заголовок", "Their body.", "publish", 0, 3, "2");
  g_autoptr(NdMergeResult) result = nd_merge_fields (NULL, mine, theirs);
  g_autofree char *tags = tags_text (result->merged);
  const NdMergeConflict *c;

  /* First sync: everything that differs is a conflict, with no base. */
  g_assert_cmpuint (result->conflicts->len, ==, 2);
  c = result->conflicts->pdata[0];
  g_assert_cmpint (c->field, ==, ND_SYNC_FIELD_BODY);
  g_assert_cmpint (c->paragraph, ==, -1);
  g_assert_null (c->base);
  c = result->conflicts->pdata[1];
  g_assert_cmpint (c->field, ==, ND_SYNC_FIELD_STATUS);
  g_assert_null (c->base);
  g_assert_cmpstr (c->mine, ==, "draft");
  g_assert_cmpstr (c->theirs, ==, "publish");
  g_assert_cmpstr (result->merged->body, ==, "Our body.");
  g_assert_cmpstr (tags, ==, "1,2");
}

static void
test_fields_body_merge (void)
{
  g_autoptr(NdSyncFields) base = fields ("H", "First paragraph here.\n\nSecond paragraph here.", "draft", 0, 0, "");
  g_autoptr(NdSyncFields) mine = fields ("H", "First paragraph here, mine.\n\nSecond paragraph here.", "draft", 0, 0, "");
  g_autoptr(NdSyncFields) theirs = fields ("H", "First paragraph here.\n\nSecond paragraph here, theirs.", "draft", 0, 0, "");
  g_autoptr(NdMergeResult) result = nd_merge_fields (base, mine, theirs);

  g_assert_cmpuint (result->conflicts->len, ==, 0);
  g_assert_cmpstr (result->merged->body, ==, "First paragraph here, mine.\n\nSecond paragraph here, theirs.");
  g_assert_cmpuint (result->changed_here, ==, ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY));
  g_assert_cmpuint (result->changed_there, ==, ND_SYNC_FIELD_MASK (ND_SYNC_FIELD_BODY));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (body_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/merge/body/%s", body_cases[i].name);

      g_test_add_data_func (path, &body_cases[i], test_body_case);
    }
  g_test_add_func ("/merge/body/symmetry", test_body_symmetry);
  g_test_add_func ("/merge/tags", test_tags);
  g_test_add_func ("/merge/fields/only-theirs", test_fields_only_theirs);
  g_test_add_func ("/merge/fields/only-mine", test_fields_only_mine);
  g_test_add_func ("/merge/fields/both-same", test_fields_both_same);
  g_test_add_func ("/merge/fields/both-different", test_fields_both_different);
  g_test_add_func ("/merge/fields/no-base", test_fields_no_base);
  g_test_add_func ("/merge/fields/body", test_fields_body_merge);

  return g_test_run ();
}
