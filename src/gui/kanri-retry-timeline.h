/* kanri-retry-timeline.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KANRI_TYPE_RETRY_TIMELINE (kanri_retry_timeline_get_type ())

G_DECLARE_FINAL_TYPE (KanriRetryTimeline, kanri_retry_timeline, KANRI, RETRY_TIMELINE, GtkWidget)

GtkWidget *kanri_retry_timeline_new            (void);
void       kanri_retry_timeline_set_expiration (KanriRetryTimeline *self,
                                                GTimeSpan           expiration);
GTimeSpan  kanri_retry_timeline_get_expiration (KanriRetryTimeline *self);
guint      kanri_retry_timeline_get_n_retries  (KanriRetryTimeline *self);

G_END_DECLS
