/* kanri-alert.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A question with buttons: AdwAlertDialog where libadwaita has it (1.5),
 * AdwMessageDialog before. Both emit "response" (alert, response id). */
GtkWidget  *kanri_alert_new                     (const char            *heading,
                                                 const char            *body);
gboolean    kanri_alert_is_alert                (gpointer               widget);
void        kanri_alert_add_responses           (GtkWidget             *alert,
                                                 const char            *first_id,
                                                 ...) G_GNUC_NULL_TERMINATED;
void        kanri_alert_set_response_appearance (GtkWidget             *alert,
                                                 const char            *response,
                                                 AdwResponseAppearance  appearance);
void        kanri_alert_set_default_response    (GtkWidget             *alert,
                                                 const char            *response);
void        kanri_alert_set_close_response      (GtkWidget             *alert,
                                                 const char            *response);
void        kanri_alert_set_extra_child         (GtkWidget             *alert,
                                                 GtkWidget             *child);
const char *kanri_alert_get_heading             (GtkWidget             *alert);
const char *kanri_alert_get_body                (GtkWidget             *alert);
void        kanri_alert_present                 (GtkWidget             *alert,
                                                 GtkWidget             *parent);
void        kanri_alert_respond                 (GtkWidget             *alert,
                                                 const char            *response);

G_END_DECLS
