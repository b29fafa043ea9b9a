/* kanri-file-chooser.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-file-chooser.h"

/* Save and open dialogs as one asynchronous call. GTK 4.10 replaced
 * GtkFileChooserNative with GtkFileDialog; Debian 12 has GTK 4.8, the
 * Flatpak a newer GTK: each gets the API it should use (ARCHITECTURE.md
 * "Versions"). A cancelled dialog ends with G_IO_ERROR_CANCELLED. */

/**
 * kanri_file_chooser_message_filters:
 *
 * Returns: (transfer full): the open dialog's filters, messages first
 *   (.eml, Outlook's .msg, text), then mbox files (a batch analysis), then
 *   every file
 */
GListModel *
kanri_file_chooser_message_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) messages = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) mailboxes = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) everything = gtk_file_filter_new ();

  gtk_file_filter_set_name (messages, _("Messages (.eml, .msg, .txt)"));
  gtk_file_filter_add_mime_type (messages, "message/rfc822");
  gtk_file_filter_add_mime_type (messages, "application/vnd.ms-outlook");
  gtk_file_filter_add_mime_type (messages, "text/plain");
  gtk_file_filter_add_suffix (messages, "eml");
  gtk_file_filter_add_suffix (messages, "msg");
  gtk_file_filter_add_suffix (messages, "txt");
  g_list_store_append (filters, messages);

  gtk_file_filter_set_name (mailboxes, _("Mailbox files (mbox)"));
  gtk_file_filter_add_mime_type (mailboxes, "application/mbox");
  gtk_file_filter_add_suffix (mailboxes, "mbox");
  gtk_file_filter_add_suffix (mailboxes, "mbx");
  g_list_store_append (filters, mailboxes);

  gtk_file_filter_set_name (everything, _("All Files"));
  gtk_file_filter_add_pattern (everything, "*");
  g_list_store_append (filters, everything);

  return G_LIST_MODEL (filters);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  if (file == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");
        }
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, file, g_object_unref);
}

void
kanri_file_chooser_save_async (GtkWindow           *parent,
                               const char          *title,
                               const char          *initial_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kanri_file_chooser_save_async);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, cancellable, save_done_cb, task);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListModel *files;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
  if (files == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");
        }
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, files, g_object_unref);
}

void
kanri_file_chooser_open_async (GtkWindow           *parent,
                               const char          *title,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_autoptr(GListModel) filters = kanri_file_chooser_message_filters ();
  g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

  g_task_set_source_tag (task, kanri_file_chooser_open_async);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_set_default_filter (dialog, first);
  gtk_file_dialog_open_multiple (dialog, parent, cancellable, open_done_cb, task);
}

static void
folders_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListModel *files;

  files = gtk_file_dialog_select_multiple_folders_finish (GTK_FILE_DIALOG (object), result, &error);
  if (files == NULL)
    {
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");
        }
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, files, g_object_unref);
}

void
kanri_file_chooser_open_folders_async (GtkWindow           *parent,
                                       const char          *title,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kanri_file_chooser_open_async);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_select_multiple_folders (dialog, parent, cancellable, folders_done_cb, task);
}

#else

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);

  if (response != GTK_RESPONSE_ACCEPT)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");
  else if (g_task_get_source_tag (task) == kanri_file_chooser_save_async)
    g_task_return_pointer (task, gtk_file_chooser_get_file (chooser), g_object_unref);
  else
    g_task_return_pointer (task, gtk_file_chooser_get_files (chooser), g_object_unref);

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
run_native (GtkWindow            *parent,
            const char           *title,
            GtkFileChooserAction  action,
            const char           *accept,
            const char           *initial_name,
            GTask                *task)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      g_autoptr(GListModel) filters = kanri_file_chooser_message_filters ();

      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
      for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
        {
          g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

          gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
        }
    }
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  /* The task is the handler's to finish and release; the dialog is too. */
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

G_GNUC_END_IGNORE_DEPRECATIONS

void
kanri_file_chooser_save_async (GtkWindow           *parent,
                               const char          *title,
                               const char          *initial_name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kanri_file_chooser_save_async);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  run_native (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), initial_name, task);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
kanri_file_chooser_open_async (GtkWindow           *parent,
                               const char          *title,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kanri_file_chooser_open_async);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  run_native (parent, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL, task);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
kanri_file_chooser_open_folders_async (GtkWindow           *parent,
                                       const char          *title,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kanri_file_chooser_open_async);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  run_native (parent, title, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Analyze"), NULL, task);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

#endif

GFile *
kanri_file_chooser_save_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GListModel *
kanri_file_chooser_open_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
