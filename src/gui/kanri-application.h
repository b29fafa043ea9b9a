/* kanri-application.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-store.h"

G_BEGIN_DECLS

#define KANRI_TYPE_APPLICATION (kanri_application_get_type ())

G_DECLARE_FINAL_TYPE (KanriApplication, kanri_application, KANRI, APPLICATION, AdwApplication)

KanriApplication *kanri_application_new       (void);
KanriStore       *kanri_application_get_store (KanriApplication *self);

void              kanri_report_phase          (const char       *phase);

G_END_DECLS
