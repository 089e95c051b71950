/* test-sync-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-sync-fields.h"

static NdSyncFields *
sample (void)
{
  NdSyncFields *fields = nd_sync_fields_new ();
  const gint64 tags[] = { 9, 3, 9, 5 };

  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_HEADLINE, "Переговоры «в Кабуле»");
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_STANDFIRST, "محادثات \"quoted\"\nline");
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_DATELINE, "Moscow");
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_BODY, "One.\n\nTwo **bold**.");
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_SLUG, "talks-kabul");
  nd_sync_fields_set_text (fields, ND_SYNC_FIELD_STATUS, "future");
  fields->date_gmt = 1798761600; /* 2027-01-01T00:00:00Z */
  nd_sync_fields_set_tags (fields, tags, G_N_ELEMENTS (tags));
  fields->section = 4;

  return fields;
}

static void
test_json_round_trip (void)
{
  g_autoptr(NdSyncFields) fields = sample ();
  g_autofree char *json = nd_sync_fields_to_json (fields);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdSyncFields) back = nd_sync_fields_from_json (json, &error);

  g_assert_no_error (error);
  for (NdSyncField f = 0; f < ND_SYNC_N_FIELDS; f++)
    g_assert_true (nd_sync_fields_equal (fields, back, f));
  g_assert_cmpint (back->date_gmt, ==, 1798761600);
  g_assert_cmpuint (back->tags->len, ==, 3);
}

static void
test_text_forms (void)
{
  g_autoptr(NdSyncFields) fields = sample ();
  g_autofree char *tags = nd_sync_fields_get_text (fields, ND_SYNC_FIELD_TAGS);
  g_autofree char *date = nd_sync_fields_get_text (fields, ND_SYNC_FIELD_DATE);
  g_autofree char *section = nd_sync_fields_get_text (fields, ND_SYNC_FIELD_SECTION);

  /* Tags are a set: sorted, once each. */
  g_assert_cmpstr (tags, ==, "3,5,9");
  g_assert_cmpstr (date, ==, "2027-01-01T00:00:00");
  g_assert_cmpstr (section, ==, "4");

  g_assert_false (nd_sync_fields_set_text (fields, ND_SYNC_FIELD_TAGS, "1,x"));
  g_assert_false (nd_sync_fields_set_text (fields, ND_SYNC_FIELD_TAGS, "-4"));
  g_assert_false (nd_sync_fields_set_text (fields, ND_SYNC_FIELD_DATE, "2024-13-45T99:00:00"));
  g_assert_false (nd_sync_fields_set_text (fields, ND_SYNC_FIELD_SECTION, "0x10"));
  g_assert_false (nd_sync_fields_set_text (fields, ND_SYNC_FIELD_HEADLINE, "\xff\xfe"));
  /* A refused value changes nothing. */
  g_clear_pointer (&tags, g_free);
  tags = nd_sync_fields_get_text (fields, ND_SYNC_FIELD_TAGS);
  g_assert_cmpstr (tags, ==, "3,5,9");
  g_assert_cmpstr (fields->headline, ==, "Переговоры «в Кабуле»");
}

static void
test_bad_json (void)
{
  static const char * const bad[] = {
    "", "[]", "{\"headline\": 5}", "{\"tags\": \"a,b\"}", "{\"date\": \"yesterday\"}", "{\"body\": null}", "{",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NdSyncFields) fields = nd_sync_fields_from_json (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (fields);
      g_assert_nonnull (error);
    }
}

static void
test_field_names (void)
{
  for (NdSyncField f = 0; f < ND_SYNC_N_FIELDS; f++)
    {
      NdSyncField back;

      g_assert_true (nd_sync_field_from_string (nd_sync_field_to_string (f), &back));
      g_assert_cmpint (back, ==, f);
    }
  {
    NdSyncField unused;

    g_assert_false (nd_sync_field_from_string ("password", &unused));
  }
}

static void
test_status_mapping (void)
{
  static const struct
  {
    NdEditionStatus local;
    const char *wp;
  } to_wp[] = {
    { ND_EDITION_STATUS_DRAFT, "draft" },
    { ND_EDITION_STATUS_IN_REVIEW, "pending" },
    { ND_EDITION_STATUS_READY, "pending" },
    { ND_EDITION_STATUS_SCHEDULED, "future" },
    { ND_EDITION_STATUS_PUBLISHED, "publish" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (to_wp); i++)
    g_assert_cmpstr (nd_sync_status_to_wordpress (to_wp[i].local), ==, to_wp[i].wp);

  /* A pull keeps the finer local status when it means the same. */
  g_assert_cmpint (nd_sync_status_from_wordpress ("pending", ND_EDITION_STATUS_READY), ==, ND_EDITION_STATUS_READY);
  g_assert_cmpint (nd_sync_status_from_wordpress ("pending", ND_EDITION_STATUS_DRAFT), ==, ND_EDITION_STATUS_IN_REVIEW);
  g_assert_cmpint (nd_sync_status_from_wordpress ("publish", ND_EDITION_STATUS_SCHEDULED), ==, ND_EDITION_STATUS_PUBLISHED);
  g_assert_cmpint (nd_sync_status_from_wordpress ("future", ND_EDITION_STATUS_READY), ==, ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (nd_sync_status_from_wordpress ("private", ND_EDITION_STATUS_DRAFT), ==, ND_EDITION_STATUS_PUBLISHED);
  g_assert_cmpint (nd_sync_status_from_wordpress ("draft", ND_EDITION_STATUS_PUBLISHED), ==, ND_EDITION_STATUS_DRAFT);
  g_assert_cmpint (nd_sync_status_from_wordpress ("trash", ND_EDITION_STATUS_READY), ==, ND_EDITION_STATUS_READY);
  g_assert_cmpint (nd_sync_status_from_wordpress ("nonsense", ND_EDITION_STATUS_DRAFT), ==, ND_EDITION_STATUS_DRAFT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-fields/json-round-trip", test_json_round_trip);
  g_test_add_func ("/sync-fields/text-forms", test_text_forms);
  g_test_add_func ("/sync-fields/bad-json", test_bad_json);
  g_test_add_func ("/sync-fields/field-names", test_field_names);
  g_test_add_func ("/sync-fields/status-mapping", test_status_mapping);

  return g_test_run ();
}
