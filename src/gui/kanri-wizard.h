/* kanri-wizard.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-tenant.h"

G_BEGIN_DECLS

#define KANRI_TYPE_WIZARD (kanri_wizard_get_type ())

G_DECLARE_DERIVABLE_TYPE (KanriWizard, kanri_wizard, KANRI, WIZARD, AdwWindow)

struct _KanriWizardClass
{
  AdwWindowClass parent_class;

  /* Whether the step's input is complete and valid: Next is sensitive. */
  gboolean (*step_is_valid) (KanriWizard *self,
                             guint        step);
  /* Whether the person typed or chose anything that closing would lose. */
  gboolean (*has_input)     (KanriWizard *self);
  /* The step is about to show (to fill the review, say). */
  void     (*step_shown)    (KanriWizard *self,
                             guint        step);
  /* Next on the last step: make the change, with kanri_wizard_run(). */
  void     (*commit)        (KanriWizard *self);

  gpointer padding[8];
};

guint       kanri_wizard_get_n_steps       (KanriWizard *self);
guint       kanri_wizard_get_step          (KanriWizard *self);
void        kanri_wizard_set_step          (KanriWizard *self,
                                            guint        step);
gboolean    kanri_wizard_get_done          (KanriWizard *self);
void        kanri_wizard_set_commit_label  (KanriWizard *self,
                                            const char  *label);
void        kanri_wizard_update            (KanriWizard *self);
gboolean    kanri_wizard_can_go_next       (KanriWizard *self);
void        kanri_wizard_go_next           (KanriWizard *self);
void        kanri_wizard_go_back           (KanriWizard *self);
void        kanri_wizard_set_busy          (KanriWizard *self,
                                            gboolean     busy);
gboolean    kanri_wizard_get_busy          (KanriWizard *self);
void        kanri_wizard_show_error        (KanriWizard *self,
                                            const char  *message);
const char *kanri_wizard_get_error         (KanriWizard *self);
void        kanri_wizard_set_follow_up     (KanriWizard *self,
                                            const char  *label);
void        kanri_wizard_show_done         (KanriWizard *self,
                                            const char  *title,
                                            const char  *description);
void        kanri_wizard_cancel            (KanriWizard *self);
void        kanri_wizard_set_review_cmdlet (KanriWizard *self,
                                            KanriCmdlet *cmdlet);
const char *kanri_wizard_get_powershell    (KanriWizard *self);
void        kanri_wizard_run               (KanriWizard *self,
                                            KanriTenant *tenant,
                                            KanriCmdlet *cmdlet,
                                            const char  *summary,
                                            const char  *done_title,
                                            const char  *done_description);

G_END_DECLS
