/* kanri-file-chooser.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        kanri_file_chooser_save_async  (GtkWindow            *parent,
                                            const char           *title,
                                            const char           *initial_name,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GFile      *kanri_file_chooser_save_finish (GAsyncResult         *result,
                                            GError              **error);
void        kanri_file_chooser_open_async  (GtkWindow            *parent,
                                            const char           *title,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
void        kanri_file_chooser_open_folders_async (GtkWindow     *parent,
                                                   const char          *title,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GListModel *kanri_file_chooser_message_filters (void);
GListModel *kanri_file_chooser_open_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
