/* kanri-zone-resolver.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-resolver.h"

G_BEGIN_DECLS

/* Zone files larger than this are refused. */
#define KANRI_ZONE_MAX_SIZE (16 * 1024 * 1024)

#define KANRI_TYPE_ZONE_RESOLVER (kanri_zone_resolver_get_type ())

G_DECLARE_FINAL_TYPE (KanriZoneResolver, kanri_zone_resolver, KANRI, ZONE_RESOLVER, GObject)

KanriZoneResolver *kanri_zone_resolver_new_from_data (const char   *data,
                                                      gssize        length,
                                                      GError      **error);
KanriZoneResolver *kanri_zone_resolver_new_from_file (const char   *path,
                                                      GError      **error);
guint              kanri_zone_resolver_get_n_names   (KanriZoneResolver *self);

G_END_DECLS
