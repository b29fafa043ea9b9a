/* kanri-cli-resolver.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-resolver.h"

G_BEGIN_DECLS

KanriResolver *kanri_cli_open_resolver (const char  *zone_path,
                                        GError     **error);
void           kanri_cli_print_json    (JsonNode    *node);

G_END_DECLS
