/* test-analyzer-golden.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-header-analyzer.h"

/* Every sample message of tests/data (the Header Analyzer's samples and the
 * DKIM corpus's messages) analyzed, and its whole report, JSON and text,
 * compared with the one stored in tests/core/golden: a field lost or changed
 * by a change to any parser fails here. A sample that holds no headers
 * stores the error it gives.
 *
 * After a deliberate change of the report, write the expected files anew
 * with KANRI_GOLDEN_UPDATE=1 and review their diff. */

static const char *const sample_dirs[] = { "headers", "dkim/messages" };

typedef struct
{
  char *dir;
  char *name;
} Sample;

static void
sample_free (gpointer data)
{
  Sample *sample = data;

  g_free (sample->dir);
  g_free (sample->name);
  g_free (sample);
}

static char *
golden_path (const Sample *sample,
             const char   *extension)
{
  g_autofree char *dir = g_strdelimit (g_strdup (sample->dir), "/", '-');
  g_autofree char *file = g_strconcat (sample->name, extension, NULL);

  return g_build_filename (g_getenv ("KANRI_TEST_GOLDEN"), dir, file, NULL);
}

/* The report as stored: the indented JSON and the text, or the error. */
static void
describe (const Sample  *sample,
          char         **json,
          char         **text)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), sample->dir, sample->name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriHeaderReport) report = kanri_header_analyzer_analyze_file (file, NULL, &error);
  g_autofree char *pretty = NULL;

  if (report == NULL)
    {
      g_assert_nonnull (error);
      *json = g_strdup_printf ("{\"error\": \"%s %d\"}\n", g_quark_to_string (error->domain), error->code);
      *text = g_strconcat (error->message, "\n", NULL);
      return;
    }

  pretty = kanri_header_report_to_json (report, TRUE);
  *json = g_strconcat (pretty, "\n", NULL);
  *text = kanri_header_report_to_text (report);
}

static void
compare (const char *path,
         const char *actual)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (g_strcmp0 (g_getenv ("KANRI_GOLDEN_UPDATE"), "1") == 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_file_set_contents (path, actual, -1, &error);
      g_assert_no_error (error);
      return;
    }

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  if (strcmp (expected, actual) != 0)
    g_test_message ("%s differs; the report is now:\n%s", path, actual);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_sample (gconstpointer data)
{
  const Sample *sample = data;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json_path = golden_path (sample, ".json");
  g_autofree char *text_path = golden_path (sample, ".txt");

  describe (sample, &json, &text);
  compare (json_path, json);
  compare (text_path, text);
}

/* Every sample has its expected files, and every expected file a sample:
 * a sample added or removed without its report is noticed. */
static void
test_every_sample (gconstpointer data)
{
  GPtrArray *samples = (GPtrArray *)data;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint found = 0;

  if (g_strcmp0 (g_getenv ("KANRI_GOLDEN_UPDATE"), "1") == 0)
    {
      g_test_skip ("writing the expected files");
      return;
    }

  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *sample = g_ptr_array_index (samples, i);

      g_hash_table_add (expected, golden_path (sample, ".json"));
      g_hash_table_add (expected, golden_path (sample, ".txt"));
    }

  for (guint d = 0; d < G_N_ELEMENTS (sample_dirs); d++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (sample_dirs[d]), "/", '-');
      g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_GOLDEN"), name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *file;

      g_assert_no_error (error);
      while ((file = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *full = g_build_filename (path, file, NULL);

          if (!g_hash_table_contains (expected, full))
            g_test_message ("no sample for %s", full);
          g_assert_true (g_hash_table_contains (expected, full));
          found++;
        }
    }

  g_assert_cmpuint (found, ==, g_hash_table_size (expected));
  /* The samples are there: 15 headers and NDRs, 53 signed messages. */
  g_assert_cmpuint (samples->len, >=, 60);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

static GPtrArray *
list_samples (void)
{
  GPtrArray *samples = g_ptr_array_new_with_free_func (sample_free);

  for (guint d = 0; d < G_N_ELEMENTS (sample_dirs); d++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), sample_dirs[d], NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          Sample *sample = g_new0 (Sample, 1);

          sample->dir = g_strdup (sample_dirs[d]);
          sample->name = g_strdup (g_ptr_array_index (names, i));
          g_ptr_array_add (samples, sample);
        }
    }

  return samples;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) samples = NULL;

  g_test_init (&argc, &argv, NULL);

  samples = list_samples ();
  for (guint i = 0; i < samples->len; i++)
    {
      const Sample *sample = g_ptr_array_index (samples, i);
      g_autofree char *test = g_strdup_printf ("/analyzer-golden/%s/%s", sample->dir, sample->name);

      g_test_add_data_func (test, sample, test_sample);
    }
  g_test_add_data_func ("/analyzer-golden/every-sample", samples, test_every_sample);

  return g_test_run ();
}
