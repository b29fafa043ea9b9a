/* kanri-list-editor.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-connector-rules.h"

G_BEGIN_DECLS

#define KANRI_TYPE_LIST_EDITOR (kanri_list_editor_get_type ())

G_DECLARE_FINAL_TYPE (KanriListEditor, kanri_list_editor, KANRI, LIST_EDITOR, AdwBin)

KanriListEditor    *kanri_list_editor_new          (KanriConnectorList  kind);
KanriConnectorList  kanri_list_editor_get_kind     (KanriListEditor    *self);
void                kanri_list_editor_set_kind     (KanriListEditor    *self,
                                                    KanriConnectorList  kind);
char              **kanri_list_editor_dup_values   (KanriListEditor    *self);
void                kanri_list_editor_set_values   (KanriListEditor    *self,
                                                    const char *const  *values);
guint               kanri_list_editor_get_n_values (KanriListEditor    *self);
gboolean            kanri_list_editor_add_text     (KanriListEditor    *self,
                                                    const char         *text);
gboolean            kanri_list_editor_has_pending  (KanriListEditor    *self);
void                kanri_list_editor_set_connectors (KanriListEditor  *self,
                                                      GListModel       *connectors,
                                                      const char       *own_connector);
const char         *kanri_list_editor_get_message  (KanriListEditor    *self);
GtkWidget          *kanri_list_editor_get_entry    (KanriListEditor    *self);

G_END_DECLS
