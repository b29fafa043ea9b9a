/* kanri-migrations.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int      kanri_migrations_latest  (void);
gboolean kanri_migrations_migrate (sqlite3  *db,
                                   int       target,
                                   GError  **error);

G_END_DECLS
