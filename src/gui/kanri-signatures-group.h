/* kanri-signatures-group.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KANRI_TYPE_SIGNATURES_GROUP (kanri_signatures_group_get_type ())

G_DECLARE_FINAL_TYPE (KanriSignaturesGroup, kanri_signatures_group, KANRI, SIGNATURES_GROUP, AdwPreferencesGroup)

void kanri_signatures_group_show       (KanriSignaturesGroup *self,
                                        JsonObject           *signatures);
void kanri_signatures_group_set_notice (KanriSignaturesGroup *self,
                                        const char           *notice);

G_END_DECLS
