/* bench-audit.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "kanri-anchor-mailbox.h"
#include "kanri-audit-export.h"
#include "kanri-auditing-page.h"
#include "kanri-batch.h"
#include "kanri-demo-host.h"
#include "kanri-resources.h"
#include "kanri-slot-model.h"
#include "kanri-static-token.h"
#include "kanri-tenant-tables.h"

/* The Mailbox Auditing page at the scale PRODUCT.md asks for. Prints
 * figures; judges nothing. Targets (issue 7): the page open with its table
 * filled under 1 s, a filter under 50 ms, the CSV export under 3 s, a bulk
 * fix at 90 % or more of the service's rate limit.
 *
 * Usage: bench-audit [MAILBOXES [RATE [CHANGES]]]
 *   (default 100000 mailboxes, a limit of 50 requests/s, 500 changes)
 * Run under tests/run-headless.sh (it opens a window). */

#define PAGE 1000
#define FILTER_RUNS 11

typedef struct
{
  GMainLoop *loop;
  gboolean   done;
} Wait;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Get-Mailbox objects with the spread of a large tenant: most on the
 * defaults, one in ten customised without MailItemsAccessed and Send. */
static JsonArray *
mailbox_page (guint first,
              guint count)
{
  static const char *const defaults[] = { "ApplyRecord", "HardDelete", "MailItemsAccessed", "Send", "Update", NULL };
  static const char *const customised[] = { "ApplyRecord", "HardDelete", "Update", NULL };
  JsonArray *page = json_array_new ();

  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *guid = g_strdup_printf ("%08x-0000-4000-8000-%012x", i, i);
      g_autofree char *name = g_strdup_printf ("利用者 %06u, 営業部", i);
      g_autofree char *upn = g_strdup_printf ("user%06u@contoso.com", i);
      JsonObject *object = json_object_new ();
      JsonArray *set = json_array_new ();
      gboolean custom = i % 10 == 3;

      json_object_set_string_member (object, "ExternalDirectoryObjectId", guid);
      json_object_set_string_member (object, "DisplayName", name);
      json_object_set_string_member (object, "UserPrincipalName", upn);
      json_object_set_string_member (object, "PrimarySmtpAddress", upn);
      json_object_set_string_member (object, "RecipientTypeDetails", "UserMailbox");
      json_object_set_string_member (object, "AuditLogAgeLimit", "90.00:00:00");
      json_array_add_string_element (set, "Admin");
      json_array_add_string_element (set, "Delegate");
      if (!custom)
        json_array_add_string_element (set, "Owner");
      json_object_set_array_member (object, "DefaultAuditSet", set);

      for (guint t = 0; t < 3; t++)
        {
          static const char *const members[] = { "AuditAdmin", "AuditDelegate", "AuditOwner" };
          const char *const *actions = custom && t == 2 ? customised : defaults;
          JsonArray *list = json_array_new ();

          for (guint a = 0; actions[a] != NULL; a++)
            json_array_add_string_element (list, actions[a]);
          json_object_set_array_member (object, members[t], list);
        }

      json_array_add_object_element (page, object);
    }

  return page;
}

static KanriTenant *
fill_local_model (KanriStore *store,
                  guint       count)
{
  g_autoptr(GError) error = NULL;
  KanriTenant *tenant;
  gint64 start = g_get_monotonic_time ();

  tenant = kanri_tenant_new (store, "bench", "Bench", KANRI_TENANT_DEMO, NULL, "admin@contoso.com", &error);
  g_assert_no_error (error);

  for (guint first = 0; first < count; first += PAGE)
    {
      g_autoptr(JsonArray) page = mailbox_page (first, MIN (PAGE, count - first));

      if (!kanri_tenant_tables_upsert (kanri_store_get_db (store), KANRI_TABLE_MAILBOXES, "bench", page, 1, &error))
        g_error ("%s", error->message);
    }

  printf ("local model: %u mailboxes written in %.0f ms (setup, not a target)\n", count, ms_since (start));
  return tenant;
}

/* After the list is loaded, the time of the next frame on screen. */
static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  *(gboolean *)user_data = TRUE;
}

static void
wait_drawn (GtkWidget *widget)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static GtkColumnView *
find_view (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnView *found;

      if (GTK_IS_COLUMN_VIEW (child))
        return GTK_COLUMN_VIEW (child);
      found = find_view (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkToggleButton *
find_toggle (GtkWidget  *root,
             const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found;

      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL &&
          g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (child)), prefix))
        return GTK_TOGGLE_BUTTON (child);
      found = find_toggle (child, prefix);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
n_rows (GtkColumnView *view)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  return model ? g_list_model_get_n_items (model) : 0;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_error ("no column %s", title);
}

static void
wait_loaded (GtkColumnView *view)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  GListModel *slots = gtk_multi_selection_get_model (GTK_MULTI_SELECTION (selection));
  KanriMailboxList *list = KANRI_MAILBOX_LIST (kanri_slot_model_get_model (KANRI_SLOT_MODEL (slots)));

  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_rows (GtkColumnView *view,
           guint          rows)
{
  while (n_rows (view) != rows)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Median and range: one filter on a busy 2-core machine varies a lot. */
static void
print_runs (const char *what,
            guint       rows,
            double     *runs,
            guint       n)
{
  qsort (runs, n, sizeof *runs, compare_doubles);
  printf ("%s, %u rows: median %.1f ms (%.1f–%.1f ms, %u runs)\n", what, rows,
          n % 2 ? runs[n / 2] : (runs[n / 2 - 1] + runs[n / 2]) / 2, runs[0], runs[n - 1], n);
}

static void
bench_page (KanriStore  *store,
            KanriTenant *tenant,
            guint        count)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  KanriAuditingPage *page;
  GtkColumnView *view;
  GtkToggleButton *attention;
  GtkToggleButton *all;
  double in_model[FILTER_RUNS], to_attention[FILTER_RUNS];
  double in_model_all[FILTER_RUNS], to_all[FILTER_RUNS];
  double frame[FILTER_RUNS];
  guint needing = count / 10;
  gint64 start;

  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  /* Open: the page made, given the tenant, its table filled and drawn. */
  start = g_get_monotonic_time ();
  page = g_object_new (KANRI_TYPE_AUDITING_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  kanri_page_set_store (KANRI_PAGE (page), store);
  kanri_page_set_tenant (KANRI_PAGE (page), tenant);
  view = find_view (GTK_WIDGET (page));
  wait_rows (view, count);
  wait_drawn (GTK_WIDGET (window));
  printf ("open the page, %u rows shown: %.0f ms (target < 1000 ms)\n", count, ms_since (start));

  /* Filters: each until its rows are drawn. The first "needs attention"
   * reads the database; after it, both lists are remembered (until the
   * mailboxes change), so the runs after measure the table alone. */
  attention = find_toggle (GTK_WIDGET (page), "Needs Attention");
  all = find_toggle (GTK_WIDGET (page), "All Mailboxes");
  for (guint i = 0; i < FILTER_RUNS; i++)
    {
      start = g_get_monotonic_time ();
      gtk_toggle_button_set_active (attention, TRUE);
      wait_rows (view, needing);
      in_model[i] = ms_since (start);
      wait_drawn (GTK_WIDGET (window));
      to_attention[i] = ms_since (start);
      if (i == 0)
        printf ("filter \"needs attention\", first time, %u rows: %.1f ms in the table's model, "
                "%.1f ms drawn (target < 50 ms)\n", needing, in_model[0], to_attention[0]);

      start = g_get_monotonic_time ();
      gtk_toggle_button_set_active (all, TRUE);
      wait_rows (view, count);
      in_model_all[i] = ms_since (start);
      wait_drawn (GTK_WIDGET (window));
      to_all[i] = ms_since (start);
    }
  print_runs ("filter \"needs attention\" again, until the table's model has the rows", needing,
              in_model + 1, FILTER_RUNS - 1);
  print_runs ("filter \"needs attention\" again, until drawn (target < 50 ms)", needing,
              to_attention + 1, FILTER_RUNS - 1);
  print_runs ("filter back to all, until the table's model has the rows", count, in_model_all, FILTER_RUNS);
  print_runs ("filter back to all, until drawn (target < 50 ms)", count, to_all, FILTER_RUNS);

  /* What a frame of this window costs with nothing changed: the renderer's
   * share of the figures above (large with Mesa's software GL). */
  for (guint i = 0; i < FILTER_RUNS; i++)
    {
      start = g_get_monotonic_time ();
      wait_drawn (GTK_WIDGET (window));
      frame[i] = ms_since (start);
    }
  print_runs ("a frame of the window with nothing changed", count, frame, FILTER_RUNS);

  /* A new order reads the database: all rows, by an index that does not
   * cover the query. */
  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, find_column (view, "User Principal Name"), GTK_SORT_ASCENDING);
  wait_loaded (view);
  printf ("sort by UPN, %u rows: %.1f ms in the table's model, ", count, ms_since (start));
  wait_drawn (GTK_WIDGET (window));
  printf ("%.1f ms drawn\n", ms_since (start));

  gtk_window_destroy (window);
}

/* The filter alone: the list's query, without a view to redraw. */
static void
bench_filter_model (KanriTenant *tenant,
                    guint        count)
{
  g_autoptr(KanriMailboxList) list = kanri_tenant_create_mailbox_list (tenant);
  gint64 start;

  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  kanri_mailbox_list_set_flags (list, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  printf ("filter \"needs attention\" of %u mailboxes, the list alone: %.1f ms (%u rows)\n", count,
          ms_since (start), g_list_model_get_n_items (G_LIST_MODEL (list)));

  start = g_get_monotonic_time ();
  kanri_mailbox_list_set_search (list, "user09");
  while (kanri_mailbox_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  printf ("search \"user09\" within it, the list alone: %.1f ms (%u rows)\n",
          ms_since (start), g_list_model_get_n_items (G_LIST_MODEL (list)));
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;

  if (!kanri_audit_export_csv_finish (result, &count, &error))
    g_error ("%s", error->message);
  *(guint *)user_data = count;
}

static void
bench_export (KanriStore *store,
              guint       count)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "kanri-bench-audit.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  guint written = G_MAXUINT;
  gint64 start = g_get_monotonic_time ();

  kanri_audit_export_csv_async (store, "bench", NULL, 0, file, progress_cb, NULL, NULL, exported_cb, &written);
  while (written == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  printf ("export CSV, %u mailboxes, %.1f MB: %.0f ms (target < 3000 ms)\n", written,
          info ? g_file_info_get_size (info) / 1e6 : 0.0, ms_since (start));
  g_unlink (path);
}

/* Throughput --------------------------------------------------------------- */

static void
host_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(KanriDemoHost **)user_data = kanri_demo_host_start_finish (result, &error);
  g_assert_no_error (error);
}

typedef struct
{
  guint  mailboxes;
  guint  rate;
} Setup;

static void
set_up_emulator (KanriEmulator *emulator,
                 gpointer       user_data)
{
  Setup *setup = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = g_strdup_printf ("rate,per-second=%u", setup->rate);

  if (!kanri_emulator_generate_mailboxes (emulator, setup->mailboxes, &error) ||
      !kanri_emulator_add_fault (emulator, spec, &error))
    g_error ("%s", error->message);
}

static void
count_throttled (KanriEmulator *emulator,
                 gpointer       user_data)
{
  GPtrArray *requests = kanri_emulator_get_requests (emulator);

  for (guint i = 0; i < requests->len; i++)
    *(guint *)user_data += ((KanriEmulatorRequest *)g_ptr_array_index (requests, i))->status == 429;
}

static void
bench_throughput (KanriStore *store,
                  guint       rate,
                  guint       changes)
{
  g_autofree char *state = g_build_filename (g_get_tmp_dir (), "kanri-bench-audit-tenant.db", NULL);
  g_autoptr(KanriDemoHost) host = NULL;
  g_autoptr(KanriTenant) tenant = NULL;
  g_autoptr(KanriExoClient) client = NULL;
  g_autoptr(KanriStaticToken) token = NULL;
  g_autoptr(GPtrArray) cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *anchor = NULL;
  const char *const add[] = { "SearchQueryInitiated", NULL };
  Setup setup = { changes, rate };
  /* Two seconds' worth, but never most of the batch. */
  guint warmup = MIN (rate * 2, changes / 2);
  guint throttled = 0;
  gint64 start = 0;
  double measured;

  g_unlink (state);
  kanri_demo_host_start_async (state, NULL, host_started_cb, &host);
  while (host == NULL)
    g_main_context_iteration (NULL, TRUE);
  kanri_demo_host_run (host, set_up_emulator, &setup);

  tenant = kanri_tenant_new (store, "rate", "Rate", KANRI_TENANT_DEMO, NULL,
                             kanri_demo_host_get_admin_upn (host), &error);
  token = kanri_static_token_new (kanri_demo_host_get_access_token (host));
  anchor = kanri_anchor_mailbox_for_upn (kanri_demo_host_get_admin_upn (host));
  client = kanri_exo_client_new (kanri_demo_host_get_invoke_url (host), KANRI_TOKEN_PROVIDER (token), anchor, &error);
  g_assert_no_error (error);
  kanri_tenant_set_client (tenant, client);

  /* The generated mailboxes follow the demo seed's 50. */
  for (guint i = 0; i < changes; i++)
    {
      g_autofree char *upn = g_strdup_printf ("user%06u@contoso.onmicrosoft.com", 51 + i);
      KanriCmdlet *cmdlet = kanri_cmdlet_new ("Set-Mailbox");

      kanri_cmdlet_set_string (cmdlet, "Identity", upn);
      kanri_cmdlet_set_hashtable (cmdlet, "AuditOwner", add, NULL);
      g_ptr_array_add (cmdlets, cmdlet);
      g_ptr_array_add (summaries, g_strdup (upn));
    }

  batch = kanri_batch_new (tenant, "bench", cmdlets, summaries, &error);
  g_assert_no_error (error);
  kanri_batch_start (batch);

  /* Measured after the first seconds, once the pacing has the service's
   * Rate-Limit headers. */
  while (!kanri_batch_get_finished (batch))
    {
      g_main_context_iteration (NULL, TRUE);
      if (start == 0 && kanri_batch_get_done (batch) >= warmup)
        start = g_get_monotonic_time ();
    }

  measured = (kanri_batch_get_done (batch) - warmup) / ((g_get_monotonic_time () - start) / 1e6);
  kanri_demo_host_run (host, count_throttled, &throttled);
  printf ("bulk fix, %u changes against a limit of %u requests/s: %.1f changes/s = %.0f %% of the limit "
          "(target >= 90 %%); %u failed, %u requests throttled (429)\n",
          changes, rate, measured, 100 * measured / rate, kanri_batch_get_failed (batch), throttled);

  g_clear_object (&batch);
  g_clear_object (&tenant);
  g_clear_object (&host);
  g_unlink (state);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriStore) store = NULL;
  g_autoptr(KanriTenant) tenant = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kanri-bench-audit-XXXXXX", &error);
  g_autofree char *path = NULL;
  guint count = argc > 1 ? (guint)strtoul (argv[1], NULL, 10) : 100000;
  guint rate = argc > 2 ? (guint)strtoul (argv[2], NULL, 10) : 50;
  guint changes = argc > 3 ? (guint)strtoul (argv[3], NULL, 10) : 500;
  static const char *const leftovers[] = { "", "-wal", "-shm", "-journal", ".lease" };

  gtk_init ();
  adw_init ();
  kanri_register_resource ();

  g_assert_no_error (error);
  path = g_build_filename (dir, "kanri.db", NULL);
  store = kanri_store_open (path, &error);
  g_assert_no_error (error);

  tenant = fill_local_model (store, count);
  bench_page (store, tenant, count);
  bench_filter_model (tenant, count);
  bench_export (store, count);
  bench_throughput (store, rate, changes);

  g_clear_object (&tenant);
  g_clear_object (&store);

  /* The local model is some 65 MB at 100,000 mailboxes: not left behind. */
  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *file = g_strconcat (path, leftovers[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);

  return 0;
}
