/* kanri-csv.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Windows PowerShell's Export-Csv -Encoding UTF8 writes first, and what
 * Excel needs to read the rest as UTF-8 rather than the ANSI code page. */
#define KANRI_CSV_UTF8_BOM "\xEF\xBB\xBF"

void kanri_csv_append_row (GString           *out,
                           const char *const *fields,
                           gsize              n_fields);

G_END_DECLS
