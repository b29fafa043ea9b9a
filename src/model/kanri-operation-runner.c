/* kanri-operation-runner.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-operation-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-exo-error.h"
#include "kanri-operation-check.h"
#include "kanri-operation-runner.h"
#include "kanri-tenant-private.h"

/* One journaled change, from "running" to settled (ARCHITECTURE.md "Data
 * flow"): the operation is already in the journal as pending, interrupted or
 * failed. It is started (running, one more attempt), sent, and settled done or
 * failed. When Kanri cannot know whether the service applied it (resuming
 * after a crash, retrying, or a reply lost on the way), it reads the object
 * back first and sends only what is not yet true. */

/* A check that itself ends without an answer is tried this many times. */
#define MAX_CHECKS 2

typedef struct
{
  KanriTenant    *tenant;
  gint64          operation;
  KanriCmdlet    *cmdlet;
  KanriCmdlet    *sending;
  KanriCmdlet    *in_flight;
  guint           checks;
  KanriExoClient *client;
  gulong          retrying_id;
} Run;

static void check (GTask *task);

static void
run_free (Run *run)
{
  g_clear_signal_handler (&run->retrying_id, run->client);
  g_clear_object (&run->client);
  g_clear_object (&run->tenant);
  g_clear_object (&run->cmdlet);
  g_clear_object (&run->sending);
  g_clear_object (&run->in_flight);
  g_free (run);
}

static KanriJournal *
journal_of (Run *run)
{
  return kanri_journal_get_for_store (kanri_tenant_get_store (run->tenant));
}

static char *
values_to_json (JsonArray *values)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, values);
  return json_to_string (node, FALSE);
}

static void
settle_done (GTask     *task,
             JsonArray *answer)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = answer ? values_to_json (answer) : NULL;

  if (!kanri_journal_settle (journal_of (run), run->operation, KANRI_OPERATION_DONE, NULL, result,
                             &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _kanri_tenant_after_change (run->tenant, run->cmdlet, answer);
  g_task_return_boolean (task, TRUE);
}

static void
settle_failed (GTask  *task,
               GError *error)
{
  Run *run = g_task_get_task_data (task);

  kanri_journal_settle (journal_of (run), run->operation, KANRI_OPERATION_FAILED,
                        error->message, NULL, NULL);
  g_task_return_error (task, error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(KanriExoResult) answer = NULL;
  GError *error = NULL;

  answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);
  if (answer != NULL)
    {
      settle_done (task, kanri_exo_result_get_values (answer));
      return;
    }

  /* The request may have reached the service: never send again blindly. */
  if (g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_OUTCOME_UNKNOWN) &&
      run->checks < MAX_CHECKS)
    {
      g_clear_error (&error);
      check (g_steal_pointer (&task));
      return;
    }

  settle_failed (task, error);
}

/* The wait between two attempts of this operation's request (its change or
 * its read back) shows on its row, so that a throttled change is not a
 * silent "running". */
static void
retrying_cb (KanriExoClient *client,
             KanriCmdlet    *cmdlet,
             const GError   *error,
             guint           attempt,
             guint           max_attempts,
             guint           delay_ms,
             gpointer        user_data)
{
  Run *run = user_data;
  guint seconds = (delay_ms + 999) / 1000;
  g_autofree char *note = NULL;

  if (cmdlet != run->in_flight)
    return;

  if (g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_THROTTLED))
    note = g_strdup_printf (_("Throttled by the service: retrying in %u s (attempt %u of %u)"),
                            seconds, attempt, max_attempts);
  else
    /* Translators: the error of the last attempt, then when the next one is sent */
    note = g_strdup_printf (_("%s — retrying in %u s (attempt %u of %u)"),
                            error->message, seconds, attempt, max_attempts);

  kanri_journal_note (journal_of (run), run->operation, note, NULL);
}

static void
send (GTask       *task,
      KanriCmdlet *cmdlet)
{
  Run *run = g_task_get_task_data (task);
  KanriExoClient *client = kanri_tenant_get_client (run->tenant);

  g_set_object (&run->sending, cmdlet);
  g_set_object (&run->in_flight, cmdlet);
  kanri_exo_client_invoke_async (client, cmdlet, NULL, NULL, g_task_get_cancellable (task),
                                 sent_cb, task);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(KanriExoResult) answer = NULL;
  g_autoptr(KanriCmdlet) remaining = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *objects = NULL;

  answer = kanri_exo_client_invoke_finish (KANRI_EXO_CLIENT (object), result, &error);
  if (answer != NULL)
    objects = kanri_exo_result_get_values (answer);
  else if (!g_error_matches (error, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_FOUND))
    {
      g_autoptr(GTask) owned = task;

      settle_failed (owned, g_error_new (KANRI_EXO_ERROR, KANRI_EXO_ERROR_OUTCOME_UNKNOWN,
                                         _("Kanri could not read back what this change is about "
                                           "to see whether it was applied: %s"),
                                         error->message));
      return;
    }

  switch (kanri_operation_check_decide (run->cmdlet, objects, &remaining))
    {
    case KANRI_CHECK_DONE:
      {
        g_autoptr(GTask) owned = task;
        settle_done (owned, NULL);
      }
      break;

    case KANRI_CHECK_SEND:
      send (task, remaining);
      break;

    case KANRI_CHECK_UNKNOWN:
    default:
      {
        g_autoptr(GTask) owned = task;

        settle_failed (owned, g_error_new_literal (KANRI_EXO_ERROR, KANRI_EXO_ERROR_OUTCOME_UNKNOWN,
                                                   _("Kanri cannot tell whether this change was "
                                                     "applied, so it did not send it again: check "
                                                     "in the tenant")));
      }
      break;
    }
}

static void
check (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(KanriCmdlet) read = kanri_operation_check_read_cmdlet (run->cmdlet);

  run->checks++;

  if (read == NULL)
    {
      g_autoptr(GTask) owned = task;

      settle_failed (owned, g_error_new_literal (KANRI_EXO_ERROR, KANRI_EXO_ERROR_OUTCOME_UNKNOWN,
                                                 _("Kanri cannot tell whether this change was "
                                                   "applied, so it did not send it again: check "
                                                   "in the tenant")));
      return;
    }

  g_set_object (&run->in_flight, read);
  kanri_exo_client_invoke_async (kanri_tenant_get_client (run->tenant), read, NULL, NULL,
                                 g_task_get_cancellable (task), checked_cb, task);
}

/**
 * kanri_operation_runner_execute_async:
 * @operation: the journal row, pending, interrupted or failed
 * @cmdlet: the change it records
 * @check_first: read back before sending (resume and retry), or send at once
 *   (a new change)
 *
 * Runs one journaled change to its end. The result is an error when the
 * operation settled failed.
 */
void
kanri_operation_runner_execute_async (KanriTenant         *tenant,
                                      gint64               operation,
                                      KanriCmdlet         *cmdlet,
                                      gboolean             check_first,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  g_return_if_fail (KANRI_IS_TENANT (tenant));
  g_return_if_fail (KANRI_IS_CMDLET (cmdlet));

  run = g_new0 (Run, 1);
  run->tenant = g_object_ref (tenant);
  run->operation = operation;
  run->cmdlet = g_object_ref (cmdlet);

  task = g_task_new (tenant, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_operation_runner_execute_async);
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  if (kanri_tenant_get_client (tenant) == NULL)
    {
      g_task_return_new_error (task, KANRI_EXO_ERROR, KANRI_EXO_ERROR_NOT_SIGNED_IN,
                               _("Kanri is not connected to this tenant"));
      return;
    }

  if (!kanri_journal_start (journal_of (run), operation, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  run->client = g_object_ref (kanri_tenant_get_client (tenant));
  run->retrying_id = g_signal_connect (run->client, "retrying", G_CALLBACK (retrying_cb), run);

  if (check_first)
    check (g_steal_pointer (&task));
  else
    send (g_steal_pointer (&task), cmdlet);
}

gboolean
kanri_operation_runner_execute_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
