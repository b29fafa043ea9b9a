/* kanri-operation.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  KANRI_OPERATION_PENDING,
  KANRI_OPERATION_RUNNING,
  KANRI_OPERATION_DONE,
  KANRI_OPERATION_FAILED,
  KANRI_OPERATION_INTERRUPTED,
  KANRI_OPERATION_CANCELLED,
} KanriOperationState;

#define KANRI_TYPE_OPERATION_STATE (kanri_operation_state_get_type ())
GType kanri_operation_state_get_type (void);

#define KANRI_TYPE_OPERATION (kanri_operation_get_type ())

G_DECLARE_FINAL_TYPE (KanriOperation, kanri_operation, KANRI, OPERATION, GObject)

const char          *kanri_operation_state_to_string    (KanriOperationState  state);
gboolean             kanri_operation_state_from_string  (const char          *text,
                                                         KanriOperationState *state);
const char          *kanri_operation_state_to_label     (KanriOperationState  state);
gboolean             kanri_operation_state_can_become   (KanriOperationState  from,
                                                         KanriOperationState  to);

gint64               kanri_operation_get_id             (KanriOperation      *self);
const char          *kanri_operation_get_tenant         (KanriOperation      *self);
const char          *kanri_operation_get_batch          (KanriOperation      *self);
const char          *kanri_operation_get_cmdlet         (KanriOperation      *self);
const char          *kanri_operation_get_parameters     (KanriOperation      *self);
const char          *kanri_operation_get_powershell     (KanriOperation      *self);
const char          *kanri_operation_get_summary        (KanriOperation      *self);
KanriOperationState  kanri_operation_get_state          (KanriOperation      *self);
guint                kanri_operation_get_attempts       (KanriOperation      *self);
const char          *kanri_operation_get_error          (KanriOperation      *self);
const char          *kanri_operation_get_result         (KanriOperation      *self);
GDateTime           *kanri_operation_get_created        (KanriOperation      *self);
GDateTime           *kanri_operation_get_updated        (KanriOperation      *self);

G_END_DECLS
