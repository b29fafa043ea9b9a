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

G_DECLARE_FINAL_TYPE (KanriPreferencesWindow, kanri_preferences_window, KANRI, PREFERENCES_WINDOW, AdwPreferencesWindow)

KanriPreferencesWindow *kanri_preferences_window_new (GtkWindow  *parent,
                                                      KanriStore *store);

G_END_DECLS
