/* kanri-operation.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-operation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-operation.h"
#include "kanri-operation-private.h"

/* One row of the journal, as read at one moment. Immutable: the journal
 * hands out a new object when a row changes, so a list can compare them. */
struct _KanriOperation
{
  GObject              parent_instance;

  gint64               id;
  char                *tenant;
  char                *batch;
  char                *cmdlet;
  char                *parameters;
  char                *powershell;
  char                *summary;
  KanriOperationState  state;
  guint                attempts;
  char                *error;
  char                *result;
  GDateTime           *created;
  GDateTime           *updated;
};

G_DEFINE_FINAL_TYPE (KanriOperation, kanri_operation, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KanriOperationState, kanri_operation_state,
                    G_DEFINE_ENUM_VALUE (KANRI_OPERATION_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (KANRI_OPERATION_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (KANRI_OPERATION_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (KANRI_OPERATION_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (KANRI_OPERATION_INTERRUPTED, "interrupted"),
                    G_DEFINE_ENUM_VALUE (KANRI_OPERATION_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_ID,
  PROP_TENANT,
  PROP_BATCH,
  PROP_CMDLET,
  PROP_POWERSHELL,
  PROP_SUMMARY,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_ATTEMPTS,
  PROP_ERROR,
  PROP_CREATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const state_names[] = {
  [KANRI_OPERATION_PENDING] = "pending",
  [KANRI_OPERATION_RUNNING] = "running",
  [KANRI_OPERATION_DONE] = "done",
  [KANRI_OPERATION_FAILED] = "failed",
  [KANRI_OPERATION_INTERRUPTED] = "interrupted",
  [KANRI_OPERATION_CANCELLED] = "cancelled",
};

/* The journal's state machine (ARCHITECTURE.md "The local model"):
 *   pending → running | cancelled
 *   running → done | failed | cancelled | interrupted (at start-up only)
 *   failed → running (retry) | cancelled
 *   interrupted → running (resume) | done (the service already has it) | cancelled
 * done and cancelled are final. */
static const guint8 allowed[] = {
  [KANRI_OPERATION_PENDING] = 1 << KANRI_OPERATION_RUNNING | 1 << KANRI_OPERATION_CANCELLED,
  [KANRI_OPERATION_RUNNING] = 1 << KANRI_OPERATION_DONE | 1 << KANRI_OPERATION_FAILED |
                              1 << KANRI_OPERATION_CANCELLED | 1 << KANRI_OPERATION_INTERRUPTED,
  [KANRI_OPERATION_DONE] = 0,
  [KANRI_OPERATION_FAILED] = 1 << KANRI_OPERATION_RUNNING | 1 << KANRI_OPERATION_CANCELLED,
  [KANRI_OPERATION_INTERRUPTED] = 1 << KANRI_OPERATION_RUNNING | 1 << KANRI_OPERATION_DONE |
                                  1 << KANRI_OPERATION_CANCELLED,
  [KANRI_OPERATION_CANCELLED] = 0,
};

const char *
kanri_operation_state_to_string (KanriOperationState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
kanri_operation_state_from_string (const char          *text,
                                   KanriOperationState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_strcmp0 (text, state_names[i]) == 0)
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
kanri_operation_state_to_label (KanriOperationState state)
{
  switch (state)
    {
    case KANRI_OPERATION_PENDING:
      return C_("operation state", "Pending");
    case KANRI_OPERATION_RUNNING:
      return C_("operation state", "Running");
    case KANRI_OPERATION_DONE:
      return C_("operation state", "Done");
    case KANRI_OPERATION_FAILED:
      return C_("operation state", "Failed");
    case KANRI_OPERATION_INTERRUPTED:
      return C_("operation state", "Interrupted");
    case KANRI_OPERATION_CANCELLED:
      return C_("operation state", "Cancelled");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
kanri_operation_state_can_become (KanriOperationState from,
                                  KanriOperationState to)
{
  g_return_val_if_fail (from < G_N_ELEMENTS (allowed), FALSE);
  g_return_val_if_fail (to < G_N_ELEMENTS (allowed), FALSE);

  return (allowed[from] & (1 << to)) != 0;
}

static void
kanri_operation_finalize (GObject *object)
{
  KanriOperation *self = (KanriOperation *)object;

  g_clear_pointer (&self->tenant, g_free);
  g_clear_pointer (&self->batch, g_free);
  g_clear_pointer (&self->cmdlet, g_free);
  g_clear_pointer (&self->parameters, g_free);
  g_clear_pointer (&self->powershell, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (kanri_operation_parent_class)->finalize (object);
}

static void
kanri_operation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KanriOperation *self = KANRI_OPERATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TENANT:
      g_value_set_string (value, self->tenant);
      break;
    case PROP_BATCH:
      g_value_set_string (value, self->batch);
      break;
    case PROP_CMDLET:
      g_value_set_string (value, self->cmdlet);
      break;
    case PROP_POWERSHELL:
      g_value_set_string (value, self->powershell);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, kanri_operation_state_to_label (self->state));
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_operation_class_init (KanriOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kanri_operation_finalize;
  object_class->get_property = kanri_operation_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TENANT] = g_param_spec_string ("tenant", NULL, NULL, NULL, flags);
  properties[PROP_BATCH] = g_param_spec_string ("batch", NULL, NULL, NULL, flags);
  properties[PROP_CMDLET] = g_param_spec_string ("cmdlet", NULL, NULL, NULL, flags);
  properties[PROP_POWERSHELL] = g_param_spec_string ("powershell", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, KANRI_TYPE_OPERATION_STATE,
                                              KANRI_OPERATION_PENDING, flags);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, flags);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_operation_init (KanriOperation *self)
{
}

static GDateTime *
date_time_from_usec (gint64 usec)
{
  return g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* Column order of KANRI_OPERATION_COLUMNS. */
KanriOperation *
_kanri_operation_new_from_row (sqlite3_stmt *stmt)
{
  KanriOperation *self = g_object_new (KANRI_TYPE_OPERATION, NULL);
  KanriOperationState state = KANRI_OPERATION_PENDING;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->tenant = dup_column (stmt, 1);
  self->batch = dup_column (stmt, 2);
  self->cmdlet = dup_column (stmt, 3);
  self->parameters = dup_column (stmt, 4);
  self->powershell = dup_column (stmt, 5);
  self->summary = dup_column (stmt, 6);
  if (!kanri_operation_state_from_string ((const char *)sqlite3_column_text (stmt, 7), &state))
    g_warning ("Operation %" G_GINT64_FORMAT " has an unknown state", self->id);
  self->state = state;
  self->attempts = sqlite3_column_int (stmt, 8);
  self->error = dup_column (stmt, 9);
  self->result = dup_column (stmt, 10);
  self->created = date_time_from_usec (sqlite3_column_int64 (stmt, 11));
  self->updated = date_time_from_usec (sqlite3_column_int64 (stmt, 12));

  return self;
}

gint64
kanri_operation_get_id (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), 0);
  return self->id;
}

const char *
kanri_operation_get_tenant (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->tenant;
}

const char *
kanri_operation_get_batch (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->batch;
}

const char *
kanri_operation_get_cmdlet (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->cmdlet;
}

const char *
kanri_operation_get_parameters (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->parameters;
}

const char *
kanri_operation_get_powershell (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->powershell;
}

const char *
kanri_operation_get_summary (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->summary;
}

KanriOperationState
kanri_operation_get_state (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), KANRI_OPERATION_PENDING);
  return self->state;
}

guint
kanri_operation_get_attempts (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), 0);
  return self->attempts;
}

const char *
kanri_operation_get_error (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->error;
}

const char *
kanri_operation_get_result (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->result;
}

GDateTime *
kanri_operation_get_created (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->created;
}

GDateTime *
kanri_operation_get_updated (KanriOperation *self)
{
  g_return_val_if_fail (KANRI_IS_OPERATION (self), NULL);
  return self->updated;
}
