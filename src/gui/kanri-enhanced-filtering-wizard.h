/* kanri-enhanced-filtering-wizard.h
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

typedef enum
{
  KANRI_ENHANCED_FILTERING_WIZARD_STEP_CONNECTOR,
  KANRI_ENHANCED_FILTERING_WIZARD_STEP_SKIP,
  KANRI_ENHANCED_FILTERING_WIZARD_STEP_USERS,
  KANRI_ENHANCED_FILTERING_WIZARD_STEP_REVIEW,
} KanriEnhancedFilteringWizardStep;

#define KANRI_TYPE_ENHANCED_FILTERING_WIZARD (kanri_enhanced_filtering_wizard_get_type ())

G_DECLARE_FINAL_TYPE (KanriEnhancedFilteringWizard, kanri_enhanced_filtering_wizard,
                      KANRI, ENHANCED_FILTERING_WIZARD, KanriWizard)

KanriEnhancedFilteringWizard *kanri_enhanced_filtering_wizard_new          (GtkWindow                    *parent,
                                                                            KanriTenant                  *tenant,
                                                                            const char                   *connector);
KanriCmdlet                  *kanri_enhanced_filtering_wizard_build_cmdlet (KanriEnhancedFilteringWizard *self);

const char                   *kanri_enhanced_filtering_get_why             (void);
const char                   *kanri_enhanced_filtering_get_cip_caveat      (void);
char                         *kanri_enhanced_filtering_describe            (KanriConnector               *connector);

G_END_DECLS
