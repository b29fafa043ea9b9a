/* kanri-connector-wizard.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-tenant.h"
#include "kanri-wizard.h"

G_BEGIN_DECLS

typedef enum
{
  KANRI_CONNECTOR_WIZARD_STEP_KIND,
  KANRI_CONNECTOR_WIZARD_STEP_NAME,
  KANRI_CONNECTOR_WIZARD_STEP_AUTHENTICATION,
  KANRI_CONNECTOR_WIZARD_STEP_SECURITY,
  KANRI_CONNECTOR_WIZARD_STEP_REVIEW,
} KanriConnectorWizardStep;

#define KANRI_TYPE_CONNECTOR_WIZARD (kanri_connector_wizard_get_type ())

G_DECLARE_FINAL_TYPE (KanriConnectorWizard, kanri_connector_wizard, KANRI, CONNECTOR_WIZARD, KanriWizard)

KanriConnectorWizard *kanri_connector_wizard_new          (GtkWindow            *parent,
                                                           KanriTenant          *tenant);
KanriCmdlet          *kanri_connector_wizard_build_cmdlet (KanriConnectorWizard *self);

const char           *kanri_connector_wizard_get_created_name (KanriConnectorWizard *self);

G_END_DECLS
