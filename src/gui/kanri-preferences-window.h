/* kanri-preferences-window.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "kanri-store.h"

G_BEGIN_DECLS

#define KANRI_TYPE_PREFERENCES_WINDOW (kanri_preferences_window_get_type ())

/* An AdwPreferencesDialog where libadwaita has it (1.5), an
 * AdwPreferencesWindow before. */
#if ADW_CHECK_VERSION (1, 5, 0)
G_DECLARE_FINAL_TYPE (KanriPreferencesWindow, kanri_preferences_window, KANRI, PREFERENCES_WINDOW, AdwPreferencesDialog)
#else
G_DECLARE_FINAL_TYPE (KanriPreferencesWindow, kanri_preferences_window, KANRI, PREFERENCES_WINDOW, AdwPreferencesWindow)
#endif

KanriPreferencesWindow *kanri_preferences_window_new     (KanriStore             *store);
void                    kanri_preferences_window_present (KanriPreferencesWindow *self,
                                                          GtkWindow              *parent);

G_END_DECLS
