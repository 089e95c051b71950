/* test-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nd-preview.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

/* An English edition whose body tries every way to get a script, a remote
 * fetch or stray markup into a label, around a lede and one honest link. */
static const char *hostile_body =
  "Russia’s greatest weakness today may well be its lack of allies.\n"
  "\n"
  "Read [the report](https://example.org/report?a=1&b=\"2\" \"A \\\"quoted\\\" <title>\").\n"
  "\n"
  "[x](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [x](java&#09;script:alert(1))\n"
  "[x](&#106;avascript:alert(1)) [x](vbscript:msgbox(1)) [x](file:///etc/passwd)\n"
  "[x](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)> <JAVASCRIPT:x>\n"
  "\n"
  "<script>alert(1)</script>\n"
  "\n"
  "Inline <script>alert(1)</script> and <img src=x onerror=alert(1)> and "
  "<a href=\"javascript:alert(1)\">a link</a>.\n"
  "\n"
  "![i](http://evil.example/x.png) ![<b>alt</b>](https://evil.example/t.gif)\n"
  "\n"
  "Text with < and & and \" and ' and &lt;b&gt; and `<i>code</i>`.\n"
  "\n"
  "> A quote with [a bad link](javascript:alert(1))\n"
  "\n"
  "- an item with <span onclick=\"x\">html</span>\n"
  "  1. nested [ok](mailto:desk@example.org)\n"
  "\n"
  "## A heading & more\n"
  "\n"
  "***\n";

static const char *arabic_body =
  "إن أكبر نقاط ضعف روسيا اليوم قد تكون افتقارها إلى الحلفاء.\n"
  "\n"
  "- بند أول\n"
  "- بند ثان\n";

typedef struct
{
  char         *dir;
  NdDatabase   *database;
  NdStoryStore *store;
  gint64        story_id;
  GtkWindow    *window;
  NdPreview    *preview;
} Fixture;

/* Helpers ------------------------------------------------------------------- */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds, for at most five seconds. */
static void
wait_for (gboolean (*cond) (gpointer data),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while (!cond (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Lets pending work (idle redraws, unmapping) run, for at most a second:
 * a window can keep its frame clock busy. */
static void
flush (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_main_context_pending (NULL) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

static gboolean
has_class (GtkWidget     *widget,
           gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static GtkWidget *
find_by_class (GtkWidget  *widget,
               const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  return nd_test_find_widget (widget, has_class, NULL, css_class);
}

static GtkLabel *
label_by_class (Fixture    *fixture,
                const char *css_class)
{
  GtkWidget *widget = find_by_class (GTK_WIDGET (fixture->preview), css_class);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_LABEL (widget));
  return GTK_LABEL (widget);
}

static GPtrArray *
labels_under (GtkWidget *widget)
{
  GPtrArray *labels = g_ptr_array_new ();

  collect (widget, GTK_TYPE_LABEL, labels);
  return labels;
}

static NdEdition *
load_edition (Fixture    *fixture,
              const char *lang)
{
  g_autoptr(GError) error = NULL;
  NdEdition *edition = nd_story_store_load_edition (fixture->store, fixture->story_id, lang, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edition);
  return edition;
}

/* Markup checks ------------------------------------------------------------- */

typedef struct
{
  GPtrArray *hrefs;
  GString   *pango;   /* the markup without GtkLabel's <a> */
} LinkScan;

static void
scan_start (GMarkupParseContext  *context,
            const char           *element_name,
            const char          **attribute_names,
            const char          **attribute_values,
            gpointer              user_data,
            GError              **error)
{
  static const char * const allowed[] = { "markup", "a", "b", "i", "tt", NULL };
  LinkScan *scan = user_data;

  /* Only what the renderer writes: no element of the Markdown's HTML. */
  g_assert_true (g_strv_contains (allowed, element_name));

  if (g_strcmp0 (element_name, "a") == 0)
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_strcmp0 (attribute_names[i], "href") == 0)
          g_ptr_array_add (scan->hrefs, g_strdup (attribute_values[i]));
      return;
    }

  if (g_strcmp0 (element_name, "markup") == 0)
    return;

  g_string_append_printf (scan->pango, "<%s", element_name);
  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      g_autofree char *value = g_markup_escape_text (attribute_values[i], -1);

      g_string_append_printf (scan->pango, " %s=\"%s\"", attribute_names[i], value);
    }
  g_string_append_c (scan->pango, '>');
}

static void
scan_end (GMarkupParseContext  *context,
          const char           *element_name,
          gpointer              user_data,
          GError              **error)
{
  LinkScan *scan = user_data;

  if (g_strcmp0 (element_name, "a") != 0 && g_strcmp0 (element_name, "markup") != 0)
    g_string_append_printf (scan->pango, "</%s>", element_name);
}

static void
scan_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 text_len,
           gpointer              user_data,
           GError              **error)
{
  LinkScan *scan = user_data;
  g_autofree char *escaped = g_markup_escape_text (text, text_len);

  g_string_append (scan->pango, escaped);
}

static gboolean
href_is_allowed (const char *href)
{
  g_autofree char *lower = g_ascii_strdown (href, -1);

  return g_str_has_prefix (lower, "https://") || g_str_has_prefix (lower, "http://") ||
         g_str_has_prefix (lower, "mailto:");
}

/* Checks every label under @root: its markup parses as GtkLabel and Pango
 * parse it, and every link in it is to an allowed scheme. Returns the
 * number of links. */
static guint
check_labels (GtkWidget *root)
{
  static const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  g_autoptr(GPtrArray) labels = labels_under (root);
  guint n_links = 0;

  g_assert_cmpuint (labels->len, >, 0);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *markup = gtk_label_get_label (label);
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) pango = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *wrapped = NULL;
      LinkScan scan = { hrefs, pango };

      if (!gtk_label_get_use_markup (label))
        continue;

      wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
      context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
      g_markup_parse_context_parse (context, wrapped, -1, &error);
      if (error == NULL)
        g_markup_parse_context_end_parse (context, &error);
      g_assert_no_error (error);

      /* What is left once GtkLabel took the links out is Pango's. */
      g_assert_true (pango_parse_markup (pango->str, -1, 0, NULL, NULL, NULL, &error));
      g_assert_no_error (error);

      for (guint j = 0; j < hrefs->len; j++)
        {
          g_test_message ("link to %s", (char *) g_ptr_array_index (hrefs, j));
          g_assert_true (href_is_allowed (g_ptr_array_index (hrefs, j)));
        }
      n_links += hrefs->len;
    }

  return n_links;
}

/* Fixture ------------------------------------------------------------------- */

static gint64
save_tag (NdStoryStore *store,
          const char   *en,
          const char   *ar)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdTag) tag = nd_tag_new ();

  nd_localized_text_set (nd_tag_get_labels (tag), "en", en);
  if (ar != NULL)
    nd_localized_text_set (nd_tag_get_labels (tag), "ar", ar);
  nd_story_store_save_tag (store, tag, &error);
  g_assert_no_error (error);

  return nd_tag_get_id (tag);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdEdition) arabic = NULL;
  g_autoptr(NdContributor) contributor = nd_contributor_new ();
  g_autoptr(GDateTime) publish = g_date_time_new_utc (2025, 4, 30, 4, 41, 0);
  NdSection *opinion;
  NdEdition *english;
  gint64 contributor_id;
  gint64 tag_ids[2];

  fixture->store = nd_test_open_store ("preview", &fixture->dir, &fixture->database);

  story = nd_story_store_create_story (fixture->store, "en", &error);
  g_assert_no_error (error);
  fixture->story_id = nd_story_get_id (story);

  english = nd_story_get_edition (story, "en");
  nd_edition_set_headline (english, "Russia’s Afghan failure: No allies, no leverage, no strategy");
  nd_edition_set_standfirst (english, "Moscow’s decision to “unblock” the Taliban reflects not strength.");
  nd_edition_set_dateline_city (english, "Moscow");
  nd_edition_set_body (english, hostile_body);
  nd_story_store_save_edition (fixture->store, english, &error);
  g_assert_no_error (error);
  nd_story_store_set_publish_at (fixture->store, english, g_date_time_to_unix (publish), &error);
  g_assert_no_error (error);

  arabic = nd_story_store_add_edition (fixture->store, fixture->story_id, "ar", &error);
  g_assert_no_error (error);
  nd_edition_set_headline (arabic, "فشل روسيا الأفغاني");
  nd_edition_set_dateline_city (arabic, "موسكو");
  nd_edition_set_body (arabic, arabic_body);
  nd_story_store_save_edition (fixture->store, arabic, &error);
  g_assert_no_error (error);

  nd_localized_text_set (nd_contributor_get_names (contributor), "en", "Andrey Serenko");
  nd_localized_text_set (nd_contributor_get_names (contributor), "ar", "أندريه سيرينكو");
  nd_localized_text_set (nd_contributor_get_roles (contributor), "en",
                         "Director, Center for the Study of Afghan Politics");
  nd_story_store_save_contributor (fixture->store, contributor, &error);
  g_assert_no_error (error);
  contributor_id = nd_contributor_get_id (contributor);

  tag_ids[0] = save_tag (fixture->store, "Afghanistan", "أفغانستان");
  tag_ids[1] = save_tag (fixture->store, "Russia’s Foreign Policy", NULL);

  opinion = nd_story_store_get_section_by_slug (fixture->store, "opinion");
  g_assert_nonnull (opinion);
  nd_story_set_section_id (story, nd_section_get_id (opinion));
  nd_story_set_contributor_ids (story, &contributor_id, 1);
  nd_story_set_tag_ids (story, tag_ids, G_N_ELEMENTS (tag_ids));
  nd_story_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);

  fixture->preview = nd_preview_new (fixture->store);
  g_object_add_weak_pointer (G_OBJECT (fixture->preview), (gpointer *) &fixture->preview);
  /* Set before it is shown: it draws when mapped. */
  nd_preview_set_edition (fixture->preview, fixture->story_id, "en");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  gtk_window_set_default_size (fixture->window, 900, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->preview));
  gtk_window_present (fixture->window);
  wait_for (is_mapped, fixture->preview);
  flush ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  flush ();
  g_assert_finalize_object (fixture->window);
  g_assert_null (fixture->preview);

  nd_test_close_store (fixture->store, fixture->database, fixture->dir);
}

/* Tests --------------------------------------------------------------------- */

/* Connected after the preview's own handler, it runs only when that one
 * lets the emission go on, towards GtkLabel's default, which launches the
 * address. It counts, and launches nothing. */
static gboolean
on_activate_link_later_cb (GtkLabel   *label,
                           const char *uri,
                           guint      *n_runs)
{
  (*n_runs)++;
  return TRUE;
}

static void
test_hostile_links (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *body = find_by_class (GTK_WIDGET (fixture->preview), "preview-body");
  g_autoptr(GPtrArray) labels = NULL;
  GtkLabel *linked = NULL;
  gboolean handled = FALSE;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;
  guint n_later_runs = 0;

  g_assert_nonnull (body);

  /* The honest link and the mailto one remain; nothing else links. */
  g_assert_cmpuint (check_labels (GTK_WIDGET (fixture->preview)), ==, 2);

  labels = labels_under (body);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);

      /* Raw HTML draws nothing; images are their text, never fetched. */
      g_assert_null (strstr (text, "<script"));
      g_assert_null (strstr (text, "onerror"));
      g_assert_null (strstr (text, "evil.example"));
      g_assert_true (gtk_label_get_selectable (label) || !gtk_label_get_use_markup (label));

      if (strstr (gtk_label_get_label (label), "<a href=\"https://example.org/report") != NULL)
        linked = label;
    }

  g_assert_nonnull (linked);
  g_assert_nonnull (strstr (gtk_label_get_text (linked), "Read the report."));

  /* Activating a link opens nothing: the handler stops the default, which
   * would launch the address, and copies it instead. */
  g_signal_connect (linked, "activate-link", G_CALLBACK (on_activate_link_later_cb), &n_later_runs);
  g_signal_emit_by_name (linked, "activate-link", "https://example.org/report?a=1&b=%222%22", &handled);
  g_assert_true (handled);
  /* The preview's handler stopped the emission before GtkLabel's own, which
   * would launch the address. */
  g_assert_cmpuint (n_later_runs, ==, 0);
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (linked)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, "https://example.org/report?a=1&b=%222%22");
  g_value_unset (&value);

  /* Images in the body are named, not shown. */
  {
    g_autoptr(GPtrArray) pictures = g_ptr_array_new ();

    collect (body, GTK_TYPE_PICTURE, pictures);
    g_assert_cmpuint (pictures->len, ==, 0);
  }
  {
    gboolean found = FALSE;

    for (guint i = 0; i < labels->len; i++)
      if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "[Image: i] [Image: alt]") != NULL)
        found = TRUE;
    g_assert_true (found);
  }
}

static void
check_direction (GtkWidget        *widget,
                 GtkTextDirection  direction)
{
  g_assert_cmpint (gtk_widget_get_direction (widget), ==, direction);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_direction (child, direction);
}

static void
test_direction (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *column = find_by_class (GTK_WIDGET (fixture->preview), "preview-column");

  g_assert_nonnull (column);
  check_direction (column, GTK_TEXT_DIR_LTR);

  /* Arabic is right to left through the whole column, whatever the
   * interface's direction. */
  nd_preview_set_edition (fixture->preview, fixture->story_id, "ar");
  check_direction (column, GTK_TEXT_DIR_RTL);
  g_assert_cmpuint (check_labels (column), ==, 0);

  /* English stays left to right in a right-to-left interface. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  nd_preview_set_edition (fixture->preview, fixture->story_id, "en");
  check_direction (column, GTK_TEXT_DIR_LTR);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

static void
test_dateline (Fixture       *fixture,
               gconstpointer  data)
{
  GtkLabel *first = label_by_class (fixture, "preview-paragraph");

  /* The first paragraph of the body opens with the dateline, in bold. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (first),
                                   "MOSCOW (Realist English). Russia’s greatest weakness"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (first), "<b>MOSCOW (Realist English).</b> "));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (first)), "preview-body"));
  g_assert_true (gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (first))) == GTK_WIDGET (first));

  /* In Arabic, the Arabic house style. */
  nd_preview_set_edition (fixture->preview, fixture->story_id, "ar");
  first = label_by_class (fixture, "preview-paragraph");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (first), "موسكو (رياليست). إن أكبر"));
}

static gboolean
date_is_unscheduled (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (gtk_label_get_text (label_by_class (fixture, "preview-date")), "Not scheduled") == 0;
}

static void
test_publish_time (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) english = NULL;

  /* 04:41 UTC is 07:41 in Moscow, the publication's zone; the test runs in
   * Los Angeles, where it is 21:41 the day before. */
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-date")), ==,
                   "April 30, 2025, 07:41");
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-zone")), ==, "Europe/Moscow");

  /* The zone is a setting of the publication. */
  nd_story_store_set_setting (fixture->store, "time-zone", "Asia/Tokyo", &error);
  g_assert_no_error (error);
  nd_preview_set_edition (fixture->preview, fixture->story_id, "en");
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-date")), ==,
                   "April 30, 2025, 13:41");
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-zone")), ==, "Asia/Tokyo");
  nd_story_store_set_setting (fixture->store, "time-zone", "Europe/Moscow", &error);
  g_assert_no_error (error);

  /* Unscheduled, it says so, and still names the zone; it follows the
   * store without being asked. */
  english = load_edition (fixture, "en");
  nd_story_store_set_publish_at (fixture->store, english, 0, &error);
  g_assert_no_error (error);
  wait_for (date_is_unscheduled, fixture);
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-zone")), ==, "Europe/Moscow");

  /* The Arabic edition has no time either, and is unscheduled. */
  nd_preview_set_edition (fixture->preview, fixture->story_id, "ar");
  g_assert_true (date_is_unscheduled (fixture));
}

typedef struct
{
  Fixture    *fixture;
  const char *headline;
} HeadlineWait;

static gboolean
headline_is (gpointer data)
{
  HeadlineWait *wait = data;

  return g_strcmp0 (gtk_label_get_text (label_by_class (wait->fixture, "preview-headline")),
                    wait->headline) == 0;
}

static gboolean
column_is_hidden (gpointer data)
{
  Fixture *fixture = data;

  return !gtk_widget_get_mapped (find_by_class (GTK_WIDGET (fixture->preview), "preview-column"));
}

static void
test_follows_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdEdition) english = load_edition (fixture, "en");
  HeadlineWait wait = { fixture, "A new headline" };

  nd_edition_set_headline (english, "A new headline");
  nd_edition_set_body (english, "New lede.\n\n[bad](javascript:alert(1))");
  nd_story_store_save_edition (fixture->store, english, &error);
  g_assert_no_error (error);

  wait_for (headline_is, &wait);
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-paragraph")), ==,
                   "MOSCOW (Realist English). New lede.");
  g_assert_cmpuint (check_labels (GTK_WIDGET (fixture->preview)), ==, 0);

  /* Redrawing takes away the label that has the focus; the preview takes
   * it, and the window is not left with a label that is gone. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (label_by_class (fixture, "preview-byline"))));
  nd_preview_set_edition (fixture->preview, fixture->story_id, "en");
  flush ();
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (label_by_class (fixture, "preview-paragraph"))));
  nd_edition_set_headline (english, "Focus moved");
  nd_story_store_save_edition (fixture->store, english, &error);
  g_assert_no_error (error);
  wait.headline = "Focus moved";
  wait_for (headline_is, &wait);
  flush ();
  g_assert_true (gtk_window_get_focus (fixture->window) == GTK_WIDGET (fixture->preview));

  /* Hidden, it does not redraw, and catches up when shown again. */
  gtk_widget_set_visible (GTK_WIDGET (fixture->preview), FALSE);
  nd_edition_set_headline (english, "Written while hidden");
  nd_story_store_save_edition (fixture->store, english, &error);
  g_assert_no_error (error);
  flush ();
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-headline")), ==, "Focus moved");
  gtk_widget_set_visible (GTK_WIDGET (fixture->preview), TRUE);
  wait.headline = "Written while hidden";
  wait_for (headline_is, &wait);

  /* Deleted for good, the story leaves an empty preview. */
  nd_story_store_trash_story (fixture->store, fixture->story_id, &error);
  g_assert_no_error (error);
  nd_story_store_empty_trash (fixture->store, NULL, &error);
  g_assert_no_error (error);
  wait_for (column_is_hidden, fixture);
  gtk_test_accessible_assert_property (fixture->preview, GTK_ACCESSIBLE_PROPERTY_LABEL, "Preview");
}

static void
test_byline_and_tags (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *tags = find_by_class (GTK_WIDGET (fixture->preview), "preview-tags");
  g_autoptr(GPtrArray) chips = NULL;
  GtkLabel *byline;

  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-section")), ==, "Opinion");
  byline = label_by_class (fixture, "preview-byline");
  g_assert_cmpstr (gtk_label_get_text (byline), ==,
                   "Andrey Serenko — Director, Center for the Study of Afghan Politics");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (byline), "preview-fallback"));

  /* The byline closes the piece: after the body. */
  g_assert_true (gtk_widget_get_prev_sibling (gtk_widget_get_parent (GTK_WIDGET (byline))) ==
                 find_by_class (GTK_WIDGET (fixture->preview), "preview-body"));

  chips = labels_under (tags);
  g_assert_cmpuint (chips->len, ==, 2);
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (chips, 0)), ==, "Afghanistan");
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (chips, 1)), ==, "Russia’s Foreign Policy");
  g_clear_pointer (&chips, g_ptr_array_unref);

  /* In Arabic: the Arabic name and tag; the role and the second tag have
   * no Arabic yet, show in the source language and say so. */
  nd_preview_set_edition (fixture->preview, fixture->story_id, "ar");
  g_assert_cmpstr (gtk_label_get_text (label_by_class (fixture, "preview-section")), ==, "رأي");
  byline = label_by_class (fixture, "preview-byline");
  g_assert_cmpstr (gtk_label_get_text (byline), ==,
                   "أندريه سيرينكو — Director, Center for the Study of Afghan Politics");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (byline), "preview-fallback"));

  chips = labels_under (tags);
  g_assert_cmpuint (chips->len, ==, 2);
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (chips, 0)), ==, "أفغانستان");
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (chips, 0), "preview-fallback"));
  g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (chips, 1)), ==, "Russia’s Foreign Policy");
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (chips, 1), "preview-fallback"));
}

static gboolean
picture_has_paintable (gpointer data)
{
  return gtk_picture_get_paintable (GTK_PICTURE (data)) != NULL;
}

static void
set_featured (Fixture    *fixture,
              NdMedia    *media,
              const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;

  nd_media_set_file (media, file);
  nd_story_store_save_media (fixture->store, media, &error);
  g_assert_no_error (error);
  story = nd_story_store_load_story (fixture->store, fixture->story_id, &error);
  g_assert_no_error (error);
  nd_story_set_featured_media_id (story, nd_media_get_id (media));
  nd_story_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);
  flush ();
}

static void
test_featured_image (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guchar pixels[] = { 0x20, 0x40, 0x60, 0xff, 0x80, 0xa0, 0xc0, 0xff };
  g_autoptr(GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (2, 1, GDK_MEMORY_R8G8B8A8, bytes, 8);
  g_autofree char *path = g_build_filename (fixture->dir, "featured.png", NULL);
  g_autoptr(NdMedia) media = nd_media_new ();
  GtkWidget *picture = find_by_class (GTK_WIDGET (fixture->preview), "preview-picture");
  GtkLabel *caption = label_by_class (fixture, "preview-caption");

  g_assert_true (gdk_texture_save_to_png (texture, path));
  nd_localized_text_set (nd_media_get_captions (media), "en", "Kabul at dusk");
  nd_localized_text_set (nd_media_get_credits (media), "en", "Photo: Realist");
  nd_localized_text_set (nd_media_get_alts (media), "en", "A city under an evening sky");

  /* A local file is shown, with the caption and credit under it. */
  set_featured (fixture, media, path);
  wait_for (picture_has_paintable, picture);
  g_assert_true (gtk_widget_get_visible (picture));
  g_assert_cmpstr (gtk_label_get_text (caption), ==, "Kabul at dusk · Photo: Realist");
  g_assert_cmpstr (gtk_picture_get_alternative_text (GTK_PICTURE (picture)), ==, "A city under an evening sky");

  /* An address or a relative name is never read: the caption stays. */
  set_featured (fixture, media, "https://evil.example/featured.png");
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_false (gtk_widget_get_visible (picture));
  g_assert_cmpstr (gtk_label_get_text (caption), ==, "Kabul at dusk · Photo: Realist");

  set_featured (fixture, media, "featured.png");
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (picture)));

  /* Nor is a file that is not an image. */
  set_featured (fixture, media, "/etc/passwd");
  flush ();
  g_assert_null (gtk_picture_get_paintable (GTK_PICTURE (picture)));
}

static void
test_focus (Fixture       *fixture,
            gconstpointer  data)
{
  GtkLabel *headline = label_by_class (fixture, "preview-headline");
  GtkWidget *focus;
  int start = 0, end = 0;

  /* Focus moved into the preview (as GtkStack does when the page that had
   * it is hidden) lands on the preview as a whole, not on a label that
   * would select all its text. */
  gtk_window_set_focus (fixture->window, NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_window_get_focus (fixture->window) == GTK_WIDGET (fixture->preview));
  g_assert_false (gtk_label_get_selection_bounds (headline, &start, &end));

  /* Tab goes on into the page. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  focus = gtk_window_get_focus (fixture->window);
  g_assert_true (GTK_IS_LABEL (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->preview)));
}

static void
test_accessible_name (Fixture       *fixture,
                      gconstpointer  data)
{
  gtk_test_accessible_assert_property (fixture->preview, GTK_ACCESSIBLE_PROPERTY_LABEL, "Preview (English)");

  nd_preview_set_edition (fixture->preview, fixture->story_id, "ar");
  gtk_test_accessible_assert_property (fixture->preview, GTK_ACCESSIBLE_PROPERTY_LABEL, "Preview (العربية)");

  /* A language the story has no edition in: a status page, not a page. */
  nd_preview_set_edition (fixture->preview, fixture->story_id, "ru");
  g_assert_false (gtk_widget_get_mapped (find_by_class (GTK_WIDGET (fixture->preview), "preview-column")));
  gtk_test_accessible_assert_property (fixture->preview, GTK_ACCESSIBLE_PROPERTY_LABEL, "Preview");

  nd_preview_set_edition (fixture->preview, 0, NULL);
  gtk_test_accessible_assert_property (fixture->preview, GTK_ACCESSIBLE_PROPERTY_LABEL, "Preview");
}

int
main (int   argc,
      char *argv[])
{
  /* Far from Moscow, so that a time shown in the machine's zone fails. */
  g_setenv ("TZ", "America/Los_Angeles", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/preview/hostile-links", test_hostile_links);
  ADD ("/preview/direction", test_direction);
  ADD ("/preview/dateline", test_dateline);
  ADD ("/preview/publish-time", test_publish_time);
  ADD ("/preview/follows-store", test_follows_store);
  ADD ("/preview/byline-and-tags", test_byline_and_tags);
  ADD ("/preview/featured-image", test_featured_image);
  ADD ("/preview/focus", test_focus);
  ADD ("/preview/accessible-name", test_accessible_name);

#undef ADD

  return g_test_run ();
}
