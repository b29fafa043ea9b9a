/* kanri-connector-editor.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-connector.h"
#include "kanri-tenant.h"
#include "kanri-wizard.h"

G_BEGIN_DECLS

#define KANRI_TYPE_CONNECTOR_EDITOR (kanri_connector_editor_get_type ())

G_DECLARE_FINAL_TYPE (KanriConnectorEditor, kanri_connector_editor, KANRI, CONNECTOR_EDITOR, KanriWizard)

KanriConnectorEditor *kanri_connector_editor_new          (GtkWindow            *parent,
                                                           KanriTenant          *tenant,
                                                           KanriConnector       *connector);
KanriCmdlet          *kanri_connector_editor_build_cmdlet (KanriConnectorEditor *self);

G_END_DECLS
