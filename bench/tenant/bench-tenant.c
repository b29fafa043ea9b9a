/* bench-tenant.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench/tenant: a tenant of 100,000 mailboxes (an emulator in another
 * process), synced into the local model. Prints the full sync time, the peak
 * resident memory of this process (the app's model), and how long filtering
 * the mailbox list by a search takes. Targets (issue 5): sync under 30 s,
 * filter under 50 ms, RSS under 200 MB. Figures only; it never fails on a
 * time.
 *
 * Usage: bench-tenant EMULATOR [MAILBOXES] */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-static-token.h"
#include "kanri-tenant.h"

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);

  if (line == NULL)
    g_error ("emulator: %s", error ? error->message : "no output");
  return line;
}

static long
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static void
synced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kanri_tenant_sync_finish (KANRI_TENANT (object), result, &error))
    g_error ("sync: %s", error->message);
  *(gboolean *)user_data = TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) emulator = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(KanriTenant) tenant = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriStaticToken) token = NULL;
  g_autoptr(KanriMailboxList) list = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *count = g_strdup (argc > 2 ? argv[2] : "100000");
  g_autofree char *invoke_url = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *anchor = NULL;
  const char *searches[] = { "user04217", "user9", "taro", "@contoso", "nobody-at-all", "99" };
  double filter_ms[G_N_ELEMENTS (searches)];
  gboolean synced = FALSE;
  gint64 start;
  double sync_s;

  /* As the app does (main.c): GLib 2.74's slice allocator is slow with
   * json-glib's many small nodes. */
  g_setenv ("G_SLICE", "always-malloc", FALSE);

  if (argc < 2)
    {
      g_printerr ("usage: bench-tenant EMULATOR [MAILBOXES]\n");
      return 2;
    }

  emulator = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                               argv[1], "--port", "0", "--generate-mailboxes", count, NULL);
  if (emulator == NULL)
    g_error ("emulator: %s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (emulator));
  g_free (read_line (out));
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *line = read_line (out);

      if (g_str_has_prefix (line, "InvokeCommand: "))
        invoke_url = g_strdup (line + 15);
      else if (g_str_has_prefix (line, "Admin: "))
        admin = g_strdup (line + 7);
      else if (g_str_has_prefix (line, "Token: "))
        token = kanri_static_token_new (line + 7);
    }

  dir = g_dir_make_tmp ("kanri-bench-tenant-XXXXXX", &error);
  store_path = g_build_filename (dir, "kanri.db", NULL);
  store = kanri_store_open (store_path, &error);
  if (store == NULL)
    g_error ("store: %s", error->message);

  tenant = kanri_tenant_new (store, "bench", "Bench", KANRI_TENANT_ENDPOINT, "worldwide", admin, &error);
  anchor = kanri_anchor_mailbox_for_upn (admin);
  client = kanri_exo_client_new (invoke_url, KANRI_TOKEN_PROVIDER (token), anchor, &error);
  if (tenant == NULL || client == NULL)
    g_error ("tenant: %s", error->message);
  kanri_tenant_set_client (tenant, client);

  start = g_get_monotonic_time ();
  kanri_tenant_sync_async (tenant, NULL, synced_cb, &synced);
  while (!synced)
    g_main_context_iteration (NULL, TRUE);
  sync_s = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;

  list = kanri_tenant_create_mailbox_list (tenant);
  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      start = g_get_monotonic_time ();
      kanri_mailbox_list_set_search (list, searches[i]);
      while (kanri_mailbox_list_get_loading (list))
        g_main_context_iteration (NULL, TRUE);
      filter_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      kanri_mailbox_list_set_search (list, NULL);
      while (kanri_mailbox_list_get_loading (list))
        g_main_context_iteration (NULL, TRUE);
    }
  qsort (filter_ms, G_N_ELEMENTS (filter_ms), sizeof (double), compare_doubles);

  printf ("mailboxes synced: %u\n", kanri_tenant_get_n_mailboxes (tenant));
  printf ("full sync (mailboxes, connectors, domains, transport config): %.1f s (%.0f mailboxes/s)\n",
          sync_s, kanri_tenant_get_n_mailboxes (tenant) / sync_s);
  {
    struct rusage usage;

    getrusage (RUSAGE_SELF, &usage);
    printf ("CPU time of the model (this process) during all of it: %.1f s\n",
            usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
            (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6);
  }
  printf ("peak RSS of the model (this process): %.1f MiB\n", peak_rss_kib () / 1024.0);
  printf ("filter the mailbox list by a search: median %.1f ms (min %.1f, max %.1f, %zu searches)\n",
          filter_ms[G_N_ELEMENTS (filter_ms) / 2], filter_ms[0],
          filter_ms[G_N_ELEMENTS (filter_ms) - 1], G_N_ELEMENTS (filter_ms));

  g_subprocess_send_signal (emulator, SIGTERM);
  g_subprocess_wait (emulator, NULL, NULL);
  g_clear_object (&list);
  g_clear_object (&tenant);
  g_clear_object (&store);
  g_unlink (store_path);
  {
    g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (store_path, "-shm", NULL);
    g_autofree char *lease = g_strconcat (store_path, ".lease", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (lease);
  }
  g_rmdir (dir);

  return 0;
}
