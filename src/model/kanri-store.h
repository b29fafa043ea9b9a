/* kanri-store.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define KANRI_STORE_ERROR (kanri_store_error_quark ())

typedef enum
{
  KANRI_STORE_ERROR_FAILED,
  KANRI_STORE_ERROR_TOO_NEW,
  KANRI_STORE_ERROR_NOT_A_DATABASE,
  KANRI_STORE_ERROR_INVALID_TRANSITION,
  KANRI_STORE_ERROR_NOT_FOUND,
} KanriStoreError;

#define KANRI_TYPE_STORE (kanri_store_get_type ())

G_DECLARE_FINAL_TYPE (KanriStore, kanri_store, KANRI, STORE, GObject)

GQuark       kanri_store_error_quark        (void);
char        *kanri_store_default_path       (void);
KanriStore  *kanri_store_open               (const char           *path,
                                             GError              **error);
void         kanri_store_open_async         (const char           *path,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
KanriStore  *kanri_store_open_finish        (GAsyncResult         *result,
                                             GError              **error);
const char  *kanri_store_get_path           (KanriStore           *self);
sqlite3     *kanri_store_get_db             (KanriStore           *self);
sqlite3     *kanri_store_open_reader        (KanriStore           *self,
                                             GError              **error);
sqlite3     *kanri_store_open_writer        (KanriStore           *self,
                                             GError              **error);
int          kanri_store_get_schema_version (KanriStore           *self);
gboolean     kanri_store_owns_journal       (KanriStore           *self);
guint        kanri_store_get_interrupted    (KanriStore           *self);
gboolean     kanri_store_exec               (KanriStore           *self,
                                             const char           *sql,
                                             GError              **error);
sqlite3_stmt *kanri_store_prepare           (KanriStore           *self,
                                             const char           *sql,
                                             GError              **error);
gboolean     kanri_store_set_error          (KanriStore           *self,
                                             int                   rc,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
