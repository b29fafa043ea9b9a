/* kanri-operation-private.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "kanri-operation.h"

G_BEGIN_DECLS

/* The columns _kanri_operation_new_from_row() reads, in its order. */
#define KANRI_OPERATION_COLUMNS \
  "id, tenant, batch, cmdlet, parameters, powershell, summary, state, attempts, " \
  "error, result, created_at, updated_at"

KanriOperation *_kanri_operation_new_from_row (sqlite3_stmt *stmt);

G_END_DECLS
