/* kanri-batch-input.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* More files than this, dropped or opened at once, are a batch. */
#define KANRI_BATCH_INPUT_MIN_FILES 20

void    kanri_batch_input_sort_async  (GSList              *files,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char  **kanri_batch_input_sort_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
