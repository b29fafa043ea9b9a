/* kanri-operation-check.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-cmdlet.h"

G_BEGIN_DECLS

typedef enum
{
  /* The service already has the change: nothing to send. */
  KANRI_CHECK_DONE,
  /* Send what remains (all of it, or the part not yet true). */
  KANRI_CHECK_SEND,
  /* It cannot be told: send nothing, and say so. */
  KANRI_CHECK_UNKNOWN,
} KanriCheckVerdict;

KanriCmdlet       *kanri_operation_check_read_cmdlet (KanriCmdlet  *change);
KanriCheckVerdict  kanri_operation_check_decide      (KanriCmdlet  *change,
                                                      JsonArray    *objects,
                                                      KanriCmdlet **remaining);
gboolean           kanri_operation_check_value       (KanriCmdlet  *change,
                                                      const char   *parameter,
                                                      JsonObject   *object);

G_END_DECLS
