/* kanri-batch-input.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-batch-input.h"
#include "kanri-mbox.h"

/* What the Header Analyzer does with files dropped or opened: a folder (a
 * Maildir among them), an mbox file or many files are a batch analysis;
 * a few message files are inputs of their own, each with its report.
 * Telling needs the files' types and an mbox's first bytes: read in a
 * worker thread, never on the main loop. */

static gboolean
looks_like_mbox (GFile        *file,
                 GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  char start[64];
  gsize got = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), start, sizeof start, &got, cancellable, NULL))
    return FALSE;

  return kanri_mbox_looks_like (start, got);
}

static void
sort_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  gboolean batch = files->len > KANRI_BATCH_INPUT_MIN_FILES;

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = files->pdata[i];
      g_autofree char *path = g_file_get_path (file);

      /* Only local files are read as a batch; others are inputs. */
      if (path == NULL)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      g_strv_builder_add (paths, path);

      if (!batch)
        {
          GFileType type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable);

          batch = type == G_FILE_TYPE_DIRECTORY ||
                  (type == G_FILE_TYPE_REGULAR && looks_like_mbox (file, cancellable));
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, batch ? g_strv_builder_end (paths) : NULL, (GDestroyNotify)g_strfreev);
}

/**
 * kanri_batch_input_sort_async:
 * @files: (element-type GFile): files dropped or opened
 *
 * Tells whether @files are a batch analysis.
 */
void
kanri_batch_input_sort_async (GSList              *files,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, g_object_ref (l->data));

  g_task_set_source_tag (task, kanri_batch_input_sort_async);
  g_task_set_task_data (task, array, (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, sort_in_thread);
}

/**
 * kanri_batch_input_sort_finish:
 *
 * Returns: (transfer full) (nullable): the local paths of the files if
 *   they are a batch analysis, or %NULL (with @error unset) if each is an
 *   input of its own
 */
char **
kanri_batch_input_sort_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
