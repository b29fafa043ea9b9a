/* test-batch-analysis.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kanri-batch-analysis.h"

/* A folder as an admin hands it over: an mbox of three samples, a Maildir
 * (tmp/ holding a message still being written), a file that is no message,
 * and one of the mbox's messages again as a file of its own. */
typedef struct
{
  char *dir;
  char *mbox;
  char *maildir;
} Folder;

static char *
sample_text (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KANRI_TEST_DATA"), "headers", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
folder_set_up (Folder *folder)
{
  static const char *const in_mbox[] = { "enhanced-filtering.eml", "gateway-no-ef.eml", "internal.eml" };
  g_autoptr(GString) mbox = g_string_new ("");
  g_autofree char *relay = sample_text ("relay-pool.eml");
  g_autofree char *plain = sample_text ("plain-inbound.eml");
  g_autofree char *internal = sample_text ("internal.eml");

  folder->dir = g_dir_make_tmp ("kanri-batch-XXXXXX", NULL);
  g_assert_nonnull (folder->dir);

  for (guint i = 0; i < G_N_ELEMENTS (in_mbox); i++)
    {
      g_autofree char *text = sample_text (in_mbox[i]);

      g_string_append (mbox, "From sender@example.com Mon Dec  7 10:00:00 2026\n");
      g_string_append (mbox, text);
      g_string_append (mbox, "\n");
    }
  folder->mbox = g_build_filename (folder->dir, "a.mbox", NULL);
  write_file (folder->dir, "a.mbox", mbox->str);

  folder->maildir = g_build_filename (folder->dir, "Maildir", NULL);
  write_file (folder->dir, "Maildir/cur/1.eml", relay);
  write_file (folder->dir, "Maildir/new/2.eml", plain);
  write_file (folder->dir, "Maildir/tmp/3.eml", plain);
  write_file (folder->dir, "Maildir/cur/0-not-a-message.txt", "\x01\x02 nothing here\n");
  write_file (folder->dir, "Maildir/new/3-again.eml", internal);

  /* A link back to the folder: followed, it would never end. */
  {
    g_autofree char *loop = g_build_filename (folder->maildir, "cur", "loop", NULL);

    g_assert_cmpint (symlink (folder->maildir, loop), ==, 0);
  }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? NULL : g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
folder_tear_down (Folder *folder)
{
  remove_tree (folder->dir);
  g_free (folder->dir);
  g_free (folder->mbox);
  g_free (folder->maildir);
}

typedef struct
{
  GString      *seen;
  guint         items;
  guint         cancel_after;
  GCancellable *cancellable;
} Seen;

static void
item_cb (const KanriBatchItem *item,
         gpointer              user_data)
{
  Seen *seen = user_data;
  g_autofree char *name = g_path_get_basename (item->path);

  g_string_append_printf (seen->seen, "%s#%u:", name, item->number);
  if (item->error != NULL)
    g_string_append (seen->seen, "error");
  else if (item->duplicate)
    {
      g_assert_null (item->report);
      g_string_append (seen->seen, "duplicate");
    }
  else
    {
      g_assert_nonnull (item->report);
      g_string_append (seen->seen, kanri_header_report_get_subject (item->report));
    }
  g_string_append_c (seen->seen, '\n');

  if (++seen->items == seen->cancel_after)
    g_cancellable_cancel (seen->cancellable);
}

static void
test_folder (void)
{
  Folder folder;
  const char *paths[] = { NULL, NULL, NULL, NULL };
  const char *expected;

  folder_set_up (&folder);
  paths[0] = folder.mbox;
  paths[1] = folder.maildir;
  paths[2] = folder.mbox;

  /* In input order, whatever the number of workers: the mbox's messages,
   * the Maildir's cur/ then new/ in name order (not tmp/), the file that is
   * no message with its error, and the same messages again counted once. */
  expected = "a.mbox#0:Price list\n"
             "a.mbox#1:Price list\n"
             "a.mbox#2:Lunch?\n"
             "0-not-a-message.txt#0:error\n"
             "1.eml#0:Weekly update\n"
             "2.eml#0:Quarterly report\n"
             "3-again.eml#0:duplicate\n"
             "a.mbox#0:duplicate\n"
             "a.mbox#1:duplicate\n"
             "a.mbox#2:duplicate\n";

  for (guint workers = 1; workers <= 3; workers++)
    {
      g_autoptr(GError) error = NULL;
      Seen seen = { g_string_new (NULL), 0, 0, NULL };
      KanriBatchStats stats;

      g_assert_true (kanri_batch_analysis_run (paths, workers, item_cb, &seen, &stats, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (seen.seen->str, ==, expected);
      g_assert_cmpuint (stats.messages, ==, 10);
      g_assert_cmpuint (stats.errors, ==, 1);
      g_assert_cmpuint (stats.duplicates, ==, 4);
      g_assert_cmpuint (stats.files, ==, 6);
      g_assert_cmpuint (stats.bytes, >, 10000);
      g_string_free (seen.seen, TRUE);
    }

  folder_tear_down (&folder);
}

/* Cancelled, the batch stops; what was analysed is still handed over. */
static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Folder folder;
  const char *paths[] = { NULL, NULL, NULL, NULL, NULL };
  Seen seen = { g_string_new (NULL), 0, 2, cancellable };
  KanriBatchStats stats;

  folder_set_up (&folder);
  for (guint i = 0; i < 4; i++)
    paths[i] = i % 2 == 0 ? folder.maildir : folder.mbox;

  g_assert_false (kanri_batch_analysis_run (paths, 2, item_cb, &seen, &stats, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (seen.items, >=, 2);
  g_assert_cmpuint (seen.items, <, 20);
  g_assert_cmpuint (stats.messages, ==, seen.items);

  g_string_free (seen.seen, TRUE);
  folder_tear_down (&folder);
}

static void
test_missing_path (void)
{
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "/nonexistent/kanri/folder", NULL };
  Seen seen = { g_string_new (NULL), 0, 0, NULL };

  g_assert_false (kanri_batch_analysis_run (paths, 0, item_cb, &seen, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/kanri/folder"));
  g_assert_cmpuint (seen.items, ==, 0);
  g_string_free (seen.seen, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch-analysis/folder", test_folder);
  g_test_add_func ("/batch-analysis/cancel", test_cancel);
  g_test_add_func ("/batch-analysis/missing-path", test_missing_path);

  return g_test_run ();
}
