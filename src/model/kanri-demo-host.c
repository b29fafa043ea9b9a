/* kanri-demo-host.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-demo-host"

#include "config.h"

#include "kanri-demo-host.h"

/* The demo tenant: the Exchange Online emulator, in this process, on a
 * thread and a main context of its own. The app reaches it over loopback
 * through the same REST client as the real service; the emulator's SQLite
 * work never runs on the main thread. */
struct _KanriDemoHost
{
  GObject        parent_instance;

  GThread       *thread;
  GMainContext  *context;
  GMainLoop     *loop;
  KanriEmulator *emulator;

  /* Read once the emulator is listening, fixed after. */
  char          *invoke_url;
  char          *access_token;
  char          *admin_upn;
  char          *tenant_id;
};

G_DEFINE_FINAL_TYPE (KanriDemoHost, kanri_demo_host, G_TYPE_OBJECT)

typedef struct
{
  KanriDemoHost *host;
  char          *state_path;
  GMutex         mutex;
  GCond          cond;
  gboolean       ready;
  GError        *error;
} Startup;

static gpointer
host_thread (gpointer data)
{
  Startup *startup = data;
  KanriDemoHost *self = startup->host;
  g_autoptr(KanriEmulator) emulator = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);

  emulator = kanri_emulator_new_demo (startup->state_path, &error);
  if (emulator != NULL && kanri_emulator_start (emulator, 0, &error))
    {
      self->emulator = g_object_ref (emulator);
      self->invoke_url = kanri_emulator_dup_invoke_url (emulator);
      self->access_token = g_strdup (kanri_emulator_get_access_token (emulator));
      self->admin_upn = g_strdup (kanri_emulator_get_admin_upn (emulator));
      self->tenant_id = g_strdup (kanri_emulator_get_tenant_id (emulator));
    }

  g_mutex_lock (&startup->mutex);
  startup->error = error;
  startup->ready = TRUE;
  g_cond_signal (&startup->cond);
  g_mutex_unlock (&startup->mutex);

  if (self->emulator != NULL)
    {
      g_main_loop_run (self->loop);
      kanri_emulator_stop (self->emulator);
      g_clear_object (&self->emulator);
    }

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
kanri_demo_host_finalize (GObject *object)
{
  KanriDemoHost *self = (KanriDemoHost *)object;

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_cb, self->loop);
      g_thread_join (self->thread);
    }

  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->invoke_url);
  g_free (self->access_token);
  g_free (self->admin_upn);
  g_free (self->tenant_id);

  G_OBJECT_CLASS (kanri_demo_host_parent_class)->finalize (object);
}

static void
kanri_demo_host_class_init (KanriDemoHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_demo_host_finalize;
}

static void
kanri_demo_host_init (KanriDemoHost *self)
{
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}

/* Starting opens (and the first time seeds) the demo tenant's database:
 * waiting for that belongs in a worker, not on the main thread. */
static void
start_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *state_path = task_data;
  g_autoptr(KanriDemoHost) self = g_object_new (KANRI_TYPE_DEMO_HOST, NULL);
  Startup startup = { .host = self, .state_path = (char *)state_path };

  g_mutex_init (&startup.mutex);
  g_cond_init (&startup.cond);

  self->thread = g_thread_new ("kanri-demo-tenant", host_thread, &startup);

  g_mutex_lock (&startup.mutex);
  while (!startup.ready)
    g_cond_wait (&startup.cond, &startup.mutex);
  g_mutex_unlock (&startup.mutex);

  g_mutex_clear (&startup.mutex);
  g_cond_clear (&startup.cond);

  if (startup.error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_task_return_error (task, startup.error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

/**
 * kanri_demo_host_start_async:
 * @state_path: the demo tenant's database, usually
 *   kanri_emulator_default_demo_path()
 *
 * Starts the demo tenant on a loopback port of its own.
 */
void
kanri_demo_host_start_async (const char          *state_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (state_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_demo_host_start_async);
  g_task_set_task_data (task, g_strdup (state_path), g_free);
  g_task_run_in_thread (task, start_in_thread);
}

KanriDemoHost *
kanri_demo_host_start_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
kanri_demo_host_get_invoke_url (KanriDemoHost *self)
{
  g_return_val_if_fail (KANRI_IS_DEMO_HOST (self), NULL);

  return self->invoke_url;
}

const char *
kanri_demo_host_get_access_token (KanriDemoHost *self)
{
  g_return_val_if_fail (KANRI_IS_DEMO_HOST (self), NULL);

  return self->access_token;
}

const char *
kanri_demo_host_get_admin_upn (KanriDemoHost *self)
{
  g_return_val_if_fail (KANRI_IS_DEMO_HOST (self), NULL);

  return self->admin_upn;
}

const char *
kanri_demo_host_get_tenant_id (KanriDemoHost *self)
{
  g_return_val_if_fail (KANRI_IS_DEMO_HOST (self), NULL);

  return self->tenant_id;
}

typedef struct
{
  KanriDemoHost     *host;
  KanriDemoHostFunc  func;
  gpointer           user_data;
  GMutex             mutex;
  GCond              cond;
  gboolean           done;
} Call;

static gboolean
call_in_host (gpointer data)
{
  Call *call = data;

  call->func (call->host->emulator, call->user_data);

  g_mutex_lock (&call->mutex);
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->mutex);

  return G_SOURCE_REMOVE;
}

/**
 * kanri_demo_host_run:
 * @func: called with the emulator, on the emulator's thread
 *
 * Runs @func where the emulator lives and waits for it: for the tests and
 * for short controls (a reset goes through kanri_demo_host_reset_async()).
 */
void
kanri_demo_host_run (KanriDemoHost     *self,
                     KanriDemoHostFunc  func,
                     gpointer           user_data)
{
  Call call = { self, func, user_data };

  g_return_if_fail (KANRI_IS_DEMO_HOST (self));
  g_return_if_fail (func != NULL);

  g_mutex_init (&call.mutex);
  g_cond_init (&call.cond);

  g_main_context_invoke (self->context, call_in_host, &call);

  g_mutex_lock (&call.mutex);
  while (!call.done)
    g_cond_wait (&call.cond, &call.mutex);
  g_mutex_unlock (&call.mutex);

  g_mutex_clear (&call.mutex);
  g_cond_clear (&call.cond);
}

static void
dup_zone (KanriEmulator *emulator,
          gpointer       user_data)
{
  *(char **)user_data = kanri_emulator_dup_dns_zone (emulator);
}

/**
 * kanri_demo_host_dup_dns_zone:
 *
 * Returns: (transfer full) (nullable): the demo tenant's DNS, as a zone
 *   (PRODUCT.md "Command line companion"), for its domains' MX check
 */
char *
kanri_demo_host_dup_dns_zone (KanriDemoHost *self)
{
  char *zone = NULL;

  g_return_val_if_fail (KANRI_IS_DEMO_HOST (self), NULL);

  kanri_demo_host_run (self, dup_zone, &zone);

  return zone;
}

static void
reseed (KanriEmulator *emulator,
        gpointer       user_data)
{
  GError **error = user_data;

  kanri_emulator_seed (emulator, NULL, error);
}

static void
reset_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  KanriDemoHost *self = source_object;
  GError *error = NULL;

  kanri_demo_host_run (self, reseed, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kanri_demo_host_reset_async:
 *
 * Puts the demo tenant back as it was seeded.
 */
void
kanri_demo_host_reset_async (KanriDemoHost       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KANRI_IS_DEMO_HOST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_demo_host_reset_async);
  g_task_run_in_thread (task, reset_in_thread);
}

gboolean
kanri_demo_host_reset_finish (KanriDemoHost  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
