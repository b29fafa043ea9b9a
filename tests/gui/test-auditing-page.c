/* test-auditing-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-alert.h"
#include "kanri-audit-fix.h"
#include "kanri-auditing-page.h"
#include "kanri-fit-scroller.h"
#include "kanri-journal.h"
#include "kanri-slot-model.h"
#include "kanri-text-cell.h"
#include "kanri-test-gui.h"
#include "kanri-test-tenant.h"

typedef struct
{
  KanriTestTenant    tenant;
  GtkWindow         *window;
  KanriAuditingPage *page;
  GtkColumnView     *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* Each test on a local model and a demo tenant of its own. */
  kanri_test_tenant_remove_files ();
  kanri_test_tenant_open (&fixture->tenant, data);
  kanri_test_tenant_sync (&fixture->tenant);
}

static void
open_page (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = g_object_new (KANRI_TYPE_AUDITING_PAGE, NULL);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (fixture->window, 1200, 760);
  gtk_window_present (fixture->window);
  kanri_page_set_store (KANRI_PAGE (fixture->page), fixture->tenant.store);
  kanri_page_set_tenant (KANRI_PAGE (fixture->page), fixture->tenant.tenant);

  fixture->view = GTK_COLUMN_VIEW (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->window, gtk_window_destroy);
  kanri_test_iterate (50);
  kanri_test_tenant_close (&fixture->tenant, data);
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (fixture->view)));
}

typedef struct
{
  Fixture *fixture;
  guint    rows;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->fixture) == wait->rows;
}

static void
wait_rows (Fixture *fixture,
           guint    rows)
{
  RowsWait wait = { fixture, rows };

  if (!kanri_test_wait_for (has_rows, &wait, 30000))
    g_error ("%u rows, not %u", n_rows (fixture), rows);
}

static KanriMailbox *
row_mailbox (Fixture *fixture,
             guint    position)
{
  g_autoptr(KanriRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (fixture->view)),
                                                       position);

  return slot ? g_object_ref (kanri_row_slot_get_item (slot)) : NULL;
}

/* The filter button whose label starts with @prefix (its count follows). */
static GtkToggleButton *
filter_button (GtkWidget  *root,
               const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found;

      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL &&
          g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (child)), prefix))
        return GTK_TOGGLE_BUTTON (child);

      found = filter_button (child, prefix);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return kanri_test_find_alert () != NULL;
}

static GtkWidget *
wait_dialog (void)
{
  g_assert_true (kanri_test_wait_for (dialog_shown, NULL, 30000));
  return kanri_test_find_alert ();
}

static gboolean
label_contains (GtkWidget  *root,
                const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_label (GTK_LABEL (child)), needle) != NULL)
        return TRUE;
      if (label_contains (child, needle))
        return TRUE;
    }

  return FALSE;
}

/* The table's cell that shows @text. */
static GtkWidget *
find_cell (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (KANRI_IS_TEXT_CELL (child) && g_strcmp0 (kanri_text_cell_get_text (KANRI_TEXT_CELL (child)), text) == 0)
        return child;
      found = find_cell (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return label_contains (wait->root, wait->text);
}

static void
wait_label (GtkWidget  *root,
            const char *text)
{
  LabelWait wait = { root, text };

  if (!kanri_test_wait_for (label_shown, &wait, 30000))
    g_error ("No label says “%s”", text);
}

/* The stack that shows the table or the empty page. */
static GtkStack *
content_stack (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found;

      if (GTK_IS_STACK (child) && gtk_stack_get_child_by_name (GTK_STACK (child), "empty") != NULL)
        return GTK_STACK (child);

      found = content_stack (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
stack_child_cb (GtkStack   *stack,
                GParamSpec *pspec,
                guint      *empty_shown)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0)
    (*empty_shown)++;
}

static void
test_table (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KanriMailboxList) attention = kanri_tenant_create_mailbox_list (fixture->tenant.tenant);
  g_autoptr(KanriMailbox) first = NULL;
  g_autoptr(KanriMailbox) yamada = NULL;
  g_autoptr(GtkColumnViewColumn) upn_column = NULL;
  GtkToggleButton *needs;
  GtkSearchEntry *search;
  GtkStack *stack;
  guint empty_shown = 0;
  GtkWidget *second_cell = NULL;
  guint total = kanri_tenant_get_n_mailboxes (fixture->tenant.tenant);
  guint needing;
  GListModel *findings;

  kanri_mailbox_list_set_flags (attention, KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  while (kanri_mailbox_list_get_loading (attention))
    g_main_context_iteration (NULL, TRUE);
  needing = g_list_model_get_n_items (G_LIST_MODEL (attention));
  g_assert_cmpuint (needing, >, 0);
  g_assert_cmpuint (needing, <, total);

  open_page (fixture);
  wait_rows (fixture, total);
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-table");

  /* The counts are on the filter buttons; the Overview gets a finding. */
  {
    g_autofree char *label = g_strdup_printf ("Needs Attention (%u)", needing);

    needs = filter_button (GTK_WIDGET (fixture->page), "Needs Attention");
    g_assert_nonnull (needs);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (needs)), ==, label);
  }
  findings = kanri_tenant_get_findings (fixture->tenant.tenant);
  /* Those that need attention, and the demo's account that bypasses auditing. */
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 2);

  /* Needs attention. The table stays up while its rows are swapped: an
   * empty page shown in between would rebuild every row widget. */
  stack = content_stack (GTK_WIDGET (fixture->page));
  g_assert_nonnull (stack);
  g_signal_connect (stack, "notify::visible-child-name", G_CALLBACK (stack_child_cb), &empty_shown);
  {
    g_autoptr(KanriMailbox) before = row_mailbox (fixture, 1);

    /* The second row's name cell, to see it kept and given its new row. */
    second_cell = find_cell (GTK_WIDGET (fixture->view), kanri_mailbox_get_display_name (before));
    g_assert_nonnull (second_cell);
    g_object_add_weak_pointer (G_OBJECT (second_cell), (gpointer *)&second_cell);
  }
  gtk_toggle_button_set_active (needs, TRUE);
  wait_rows (fixture, needing);
  while (kanri_mailbox_list_get_loading (KANRI_MAILBOX_LIST (kanri_slot_model_get_model (KANRI_SLOT_MODEL (
             gtk_multi_selection_get_model (GTK_MULTI_SELECTION (gtk_column_view_get_model (fixture->view))))))))
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (stack, stack_child_cb, &empty_shown);
  g_assert_cmpuint (empty_shown, ==, 0);
  /* The rows on screen keep their widgets (kanri-slot-model.c): the cell
   * is the same one, showing the mailbox now second. */
  {
    g_autoptr(KanriMailbox) after = row_mailbox (fixture, 1);

    g_assert_nonnull (second_cell);
    g_assert_cmpstr (kanri_text_cell_get_text (KANRI_TEXT_CELL (second_cell)), ==,
                     kanri_mailbox_get_display_name (after));
    g_object_remove_weak_pointer (G_OBJECT (second_cell), (gpointer *)&second_cell);
  }
  for (guint i = 0; i < needing; i++)
    {
      g_autoptr(KanriMailbox) mailbox = row_mailbox (fixture, i);

      g_assert_cmphex (kanri_mailbox_get_audit_flags (mailbox) & KANRI_AUDIT_FLAGS_NEED_ATTENTION, !=, 0);
    }
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-needs-attention");

  /* Sorting by a header sorts in SQL: UPN, descending. */
  gtk_toggle_button_set_active (filter_button (GTK_WIDGET (fixture->page), "All Mailboxes"), TRUE);
  wait_rows (fixture, total);
  upn_column = g_list_model_get_item (gtk_column_view_get_columns (fixture->view), 1);
  gtk_column_view_sort_by_column (fixture->view, upn_column, GTK_SORT_DESCENDING);
  kanri_test_iterate (500);
  first = row_mailbox (fixture, 0);
  g_assert_cmpstr (kanri_mailbox_get_upn (first), ==, "yuto.maeda@contoso.co.jp");

  /* Search. */
  search = GTK_SEARCH_ENTRY (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL));
  gtk_editable_set_text (GTK_EDITABLE (search), "山田");
  wait_rows (fixture, 1);
  yamada = row_mailbox (fixture, 0);
  g_assert_cmpstr (kanri_mailbox_get_display_name (yamada), ==, "山田 太郎");
}

static gboolean
batch_finished (gpointer data)
{
  Fixture *fixture = data;

  return label_contains (GTK_WIDGET (fixture->page), "Fixed ");
}

static void
test_fix_all (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KanriMailboxList) add = kanri_tenant_create_mailbox_list (fixture->tenant.tenant);
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  guint needing;

  kanri_mailbox_list_set_flags (add, kanri_audit_fix_get_flags (KANRI_AUDIT_FIX_ADD));
  while (kanri_mailbox_list_get_loading (add))
    g_main_context_iteration (NULL, TRUE);
  needing = g_list_model_get_n_items (G_LIST_MODEL (add));

  open_page (fixture);
  gtk_toggle_button_set_active (filter_button (GTK_WIDGET (fixture->page), "Needs Attention"), TRUE);
  kanri_test_iterate (300);

  /* The count and the PowerShell, before anything is sent. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.fix", "s", "add-all");
  dialog = wait_dialog ();
  heading = g_strdup_printf ("Fix %u Mailboxes?", needing);
  g_assert_cmpstr (kanri_alert_get_heading (dialog), ==, heading);
  g_assert_true (label_contains (GTK_WIDGET (dialog), "Set-Mailbox -Identity"));
  g_assert_true (label_contains (GTK_WIDGET (dialog), "@{Add=\"MailItemsAccessed"));
  g_assert_false (label_contains (GTK_WIDGET (dialog), "MessageBind"));
  g_assert_cmpuint (kanri_test_emulator_applied (&fixture->tenant, "Set-Mailbox", NULL), ==, 0);
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (dialog), "auditing-confirm");
  kanri_alert_respond (dialog, "fix");

  g_assert_true (kanri_test_wait_for (batch_finished, fixture, 60000));
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-fixed");
  g_assert_cmpuint (kanri_test_emulator_applied (&fixture->tenant, "Set-Mailbox", NULL), ==, needing);

  /* Every row left that needed option 2 is fixed, without a resync. */
  for (guint i = 0; i < n_rows (fixture); i++)
    {
      g_autoptr(KanriMailbox) mailbox = row_mailbox (fixture, i);

      g_assert_cmphex (kanri_mailbox_get_audit_flags (mailbox) & kanri_audit_fix_get_flags (KANRI_AUDIT_FIX_ADD), ==, 0);
    }
}

static void
test_selected_nothing_to_do (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkSelectionModel *selection;

  open_page (fixture);
  wait_rows (fixture, kanri_tenant_get_n_mailboxes (fixture->tenant.tenant));

  /* Nothing selected: said so, nothing sent. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.fix", "s", "reset-selected");
  kanri_test_iterate (300);
  g_assert_null (kanri_test_find_alert ());

  /* A mailbox on Microsoft's defaults: option 2 has nothing to add. */
  selection = gtk_column_view_get_model (fixture->view);
  for (guint i = 0; i < n_rows (fixture); i++)
    {
      g_autoptr(KanriMailbox) mailbox = row_mailbox (fixture, i);

      if (kanri_mailbox_get_audit_flags (mailbox) & KANRI_AUDIT_FLAGS_NEED_ATTENTION)
        continue;
      gtk_selection_model_select_item (selection, i, TRUE);
      break;
    }
  {
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  }
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.fix", "s", "add-selected");
  kanri_test_iterate (500);
  g_assert_null (kanri_test_find_alert ());
  g_assert_cmpuint (kanri_test_emulator_applied (&fixture->tenant, "Set-Mailbox", NULL), ==, 0);
}

static gboolean
batch_paused (gpointer data)
{
  Fixture *fixture = data;

  return label_contains (GTK_WIDGET (fixture->page), "paused");
}

static void
test_pause_cancel_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  guint cancelled = 0, failed = 0;

  /* The first change refused (faults strike in the order added), the rest
   * slow. */
  kanri_exo_client_set_max_attempts (kanri_tenant_get_client (fixture->tenant.tenant), 1);
  kanri_tenant_set_concurrency (fixture->tenant.tenant, 1);
  kanri_test_emulator_fault (&fixture->tenant, "transient,cmdlet=Set-Mailbox,nth=1");
  kanri_test_emulator_fault (&fixture->tenant, "slow,ms=200,cmdlet=Set-Mailbox");

  open_page (fixture);
  kanri_test_iterate (300);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.fix", "s", "reset-all");
  dialog = wait_dialog ();
  kanri_alert_respond (dialog, "fix");

  /* The first change fails: listed, with the service's error. */
  wait_label (GTK_WIDGET (fixture->page), "1 error");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.pause", NULL);
  g_assert_true (kanri_test_wait_for (batch_paused, fixture, 30000));
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-paused");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.pause", NULL);
  kanri_test_iterate (300);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.cancel", NULL);
  g_assert_true (kanri_test_wait_for (batch_finished, fixture, 60000));

  operations = kanri_journal_list (kanri_journal_get_for_store (fixture->tenant.store), NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < operations->len; i++)
    {
      KanriOperationState state = kanri_operation_get_state (g_ptr_array_index (operations, i));

      cancelled += state == KANRI_OPERATION_CANCELLED;
      failed += state == KANRI_OPERATION_FAILED;
    }
  g_assert_cmpuint (cancelled, >, 0);
  g_assert_cmpuint (failed, ==, 1);

  /* What failed can be resumed. */
  g_assert_true (label_contains (GTK_WIDGET (fixture->page), "did not finish"));
}

static void
test_resume_offered (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KanriAuditFixPlan) plan = NULL;
  g_autoptr(KanriBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  guint total;

  /* A fix journaled, then the app stopped before sending it. */
  {
    g_autoptr(KanriMailboxList) list = kanri_tenant_create_mailbox_list (fixture->tenant.tenant);
    g_autoptr(GPtrArray) mailboxes = g_ptr_array_new_with_free_func (g_object_unref);

    kanri_mailbox_list_set_flags (list, kanri_audit_fix_get_flags (KANRI_AUDIT_FIX_ADD));
    while (kanri_mailbox_list_get_loading (list))
      g_main_context_iteration (NULL, TRUE);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
      g_ptr_array_add (mailboxes, g_list_model_get_item (G_LIST_MODEL (list), i));

    plan = g_new0 (KanriAuditFixPlan, 1);
    plan->fix = KANRI_AUDIT_FIX_ADD;
    plan->cmdlets = g_ptr_array_new_with_free_func (g_object_unref);
    plan->summaries = g_ptr_array_new_with_free_func (g_free);
    for (guint i = 0; i < mailboxes->len; i++)
      {
        KanriMailbox *mailbox = g_ptr_array_index (mailboxes, i);
        KanriCmdlet *cmdlet = kanri_audit_fix_build_cmdlet (KANRI_AUDIT_FIX_ADD, mailbox);

        g_ptr_array_add (plan->summaries, kanri_audit_fix_build_summary (KANRI_AUDIT_FIX_ADD, mailbox, cmdlet));
        g_ptr_array_add (plan->cmdlets, cmdlet);
      }
    total = plan->cmdlets->len;
    batch = kanri_audit_fix_plan_create_batch (plan, fixture->tenant.tenant, &error);
    g_assert_no_error (error);
  }

  open_page (fixture);
  wait_label (GTK_WIDGET (fixture->page), "did not finish");
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-resume");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.resume", NULL);
  g_assert_true (kanri_test_wait_for (batch_finished, fixture, 60000));
  g_assert_cmpuint (kanri_test_emulator_applied (&fixture->tenant, "Set-Mailbox", NULL), ==, total);

  left = kanri_audit_fix_list_unfinished (fixture->tenant.tenant, &error);
  g_assert_cmpuint (left->len, ==, 0);
}

static gboolean
revealed (Fixture    *fixture,
          const char *id)
{
  GtkWidget *revealer = kanri_test_find_by_id (GTK_WIDGET (fixture->page), id);

  g_assert_nonnull (revealer);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
  gboolean    shown;
} RevealWait;

static gboolean
reveal_is (gpointer data)
{
  RevealWait *wait = data;

  return revealed (wait->fixture, wait->id) == wait->shown;
}

static void
wait_revealed (Fixture    *fixture,
               const char *id,
               gboolean    shown)
{
  RevealWait wait = { fixture, id, shown };

  if (!kanri_test_wait_for (reveal_is, &wait, 30000))
    g_error ("%s is %s", id, shown ? "hidden" : "shown");
}

static gboolean
has_finding (Fixture    *fixture,
             const char *id)
{
  GListModel *findings = kanri_tenant_get_findings (fixture->tenant.tenant);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(KanriFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (kanri_finding_get_id (finding), id) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  Fixture    *fixture;
  const char *id;
} FindingWait;

static gboolean
finding_shown (gpointer data)
{
  FindingWait *wait = data;

  return has_finding (wait->fixture, wait->id);
}

/* Findings are reported once the page has counted its mailboxes. */
static void
wait_finding (Fixture    *fixture,
              const char *id)
{
  FindingWait wait = { fixture, id };

  if (!kanri_test_wait_for (finding_shown, &wait, 30000))
    g_error ("No finding %s", id);
}

static void
ran_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kanri_tenant_run_finish (KANRI_TENANT (object), result, &error), >, 0);
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static gboolean
audit_disabled (gpointer data)
{
  return kanri_tenant_get_audit_disabled (data);
}

/* An organization whose mailbox auditing on by default is off: a banner
 * above everything, a finding for Overview, and the fix through the
 * journal with its PowerShell. */
static void
test_organization_audit_off (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KanriCmdlet) off = kanri_cmdlet_new ("Set-OrganizationConfig");
  GtkWidget *dialog;
  gboolean done = FALSE;

  open_page (fixture);
  kanri_test_iterate (300);
  g_assert_false (revealed (fixture, "org_audit_revealer"));
  g_assert_false (has_finding (fixture, "audit-disabled"));

  /* As an admin might have done, outside the page. */
  kanri_cmdlet_set_bool (off, "AuditDisabled", TRUE);
  kanri_tenant_run_async (fixture->tenant.tenant, off, "test", NULL, ran_cb, &done);
  kanri_test_wait (&done);
  g_assert_true (kanri_test_wait_for (audit_disabled, fixture->tenant.tenant, 30000));

  wait_revealed (fixture, "org_audit_revealer", TRUE);
  wait_finding (fixture, "audit-disabled");
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-organization-off");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.enable-org-audit", NULL);
  dialog = wait_dialog ();
  g_assert_true (label_contains (GTK_WIDGET (dialog), "Set-OrganizationConfig -AuditDisabled $false"));
  g_assert_cmpuint (kanri_test_emulator_applied (&fixture->tenant, "Set-OrganizationConfig", NULL), ==, 1);
  kanri_alert_respond (dialog, "apply");

  wait_revealed (fixture, "org_audit_revealer", FALSE);
  g_assert_false (has_finding (fixture, "audit-disabled"));
  g_assert_cmpuint (kanri_test_emulator_applied (&fixture->tenant, "Set-OrganizationConfig", NULL), ==, 2);
}

/* The demo's account that bypasses auditing: listed with a warning, and
 * its bypass stopped through the journal. */
static void
test_audit_bypass (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *list;
  GtkWidget *dialog;

  open_page (fixture);
  wait_revealed (fixture, "bypass_revealer", TRUE);
  g_assert_true (label_contains (GTK_WIDGET (fixture->page), "1 account bypasses mailbox audit logging"));
  wait_finding (fixture, "audit-bypass");
  list = kanri_test_find_by_id (GTK_WIDGET (fixture->page), "bypass_list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_nonnull (kanri_test_find_child (list, GTK_TYPE_BUTTON, "_Stop Bypass…"));
  /* Named by the account's mailbox, with its UPN beneath, not by the
   * association's Name alone. */
  {
    AdwActionRow *row = ADW_ACTION_ROW (kanri_test_find_child (list, ADW_TYPE_ACTION_ROW, "Lee Gu"));

    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "leeg@contoso.com");
  }
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-bypass");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "auditing.stop-bypass", "s", "leeg");
  dialog = wait_dialog ();
  g_assert_true (label_contains (GTK_WIDGET (dialog),
                                 "Set-MailboxAuditBypassAssociation -Identity \"leeg\" -AuditBypassEnabled $false"));
  g_assert_true (label_contains (GTK_WIDGET (dialog), "Stop the Audit Bypass?"));
  g_assert_true (label_contains (GTK_WIDGET (dialog), "What Lee Gu does in mailboxes is logged again"));
  kanri_alert_respond (dialog, "apply");

  wait_revealed (fixture, "bypass_revealer", FALSE);
  g_assert_false (has_finding (fixture, "audit-bypass"));
  g_assert_cmpuint (kanri_test_emulator_applied (&fixture->tenant, "Set-MailboxAuditBypassAssociation", "leeg"), ==, 1);
}

static gboolean
page_has_width (gpointer data)
{
  Fixture *fixture = data;
  int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fixture->window), "width"));
  int page_width = gtk_widget_get_width (GTK_WIDGET (fixture->page));

  /* The window's width less its frame. */
  return page_width <= width && page_width > width - 100;
}

/* The notices, the search and the filters above the table are shown whole
 * when there is room, however many lines the notices wrap to: the header
 * is given the height of its content at the page's width. */
static void
test_header_fits (Fixture       *fixture,
                  gconstpointer  data)
{
  static const int widths[] = { 1200, 520 };
  KanriFitScroller *header;
  GtkAdjustment *vadjustment;
  GtkWidget *flags;
  GtkWidget *notice;
  int one_line;

  open_page (fixture);
  wait_revealed (fixture, "bypass_revealer", TRUE);
  header = KANRI_FIT_SCROLLER (kanri_test_find_child (GTK_WIDGET (fixture->page), KANRI_TYPE_FIT_SCROLLER, NULL));
  vadjustment = gtk_scrolled_window_get_vadjustment (kanri_fit_scroller_get_child (header));
  flags = kanri_test_find_by_id (GTK_WIDGET (fixture->page), "flags_box");
  notice = kanri_test_find_by_id (GTK_WIDGET (fixture->page), "bypass_label");
  gtk_widget_measure (notice, GTK_ORIENTATION_VERTICAL, -1, &one_line, NULL, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      graphene_rect_t bounds;

      g_object_set_data (G_OBJECT (fixture->window), "width", GINT_TO_POINTER (widths[i]));
      gtk_window_set_default_size (fixture->window, widths[i], 760);
      g_assert_true (kanri_test_wait_for (page_has_width, fixture, 3000));
      g_assert_true (kanri_test_wait_settled (GTK_WIDGET (fixture->window)));

      /* At 520 px the notice takes two lines or more. */
      if (widths[i] < 600)
        g_assert_cmpint (gtk_widget_get_height (notice), >, one_line);
      g_assert_true (gtk_widget_compute_bounds (flags, GTK_WIDGET (header), &bounds));
      g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment), <, 1);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (header)));
    }
}

/* A tenant that refuses Get-MailboxAuditBypassAssociation to the admin:
 * the page says the bypass list is unknown, and why, rather than showing
 * no bypass; and once a sync can read it, the account is back. */
static void
test_audit_bypass_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *list;
  GtkWidget *why;

  kanri_test_emulator_fault (&fixture->tenant, "403,cmdlet=Get-MailboxAuditBypassAssociation");
  kanri_test_tenant_sync (&fixture->tenant);
  open_page (fixture);

  wait_revealed (fixture, "bypass_revealer", TRUE);
  g_assert_true (label_contains (GTK_WIDGET (fixture->page),
                                 "Kanri could not read which accounts bypass mailbox audit logging"));
  why = kanri_test_find_by_id (GTK_WIDGET (fixture->page), "bypass_refused_label");
  g_assert_true (gtk_widget_get_visible (why));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (why)), "Get-MailboxAuditBypassAssociation"));
  list = kanri_test_find_by_id (GTK_WIDGET (fixture->page), "bypass_list");
  g_assert_false (gtk_widget_get_visible (list));
  wait_finding (fixture, "audit-bypass-unknown");
  g_assert_false (has_finding (fixture, "audit-bypass"));
  kanri_test_iterate (300);
  kanri_test_save_screenshot (GTK_WIDGET (fixture->window), "auditing-bypass-unknown");

  kanri_test_emulator_clear_faults (&fixture->tenant);
  kanri_test_tenant_sync (&fixture->tenant);
  wait_finding (fixture, "audit-bypass");
  g_assert_false (has_finding (fixture, "audit-bypass-unknown"));
  g_assert_true (label_contains (GTK_WIDGET (fixture->page), "1 account bypasses mailbox audit logging"));
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_false (gtk_widget_get_visible (why));
  g_assert_nonnull (kanri_test_find_child (list, ADW_TYPE_ACTION_ROW, "Lee Gu"));
}

/* Each mailbox's AuditEnabled, as Get-Mailbox writes it. */
static void
test_audit_enabled_column (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkSearchEntry *search;

  open_page (fixture);
  search = GTK_SEARCH_ENTRY (kanri_test_find_child (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY, NULL));
  gtk_editable_set_text (GTK_EDITABLE (search), "tsuyoshi.ikeda");
  wait_rows (fixture, 1);
  g_assert_true (kanri_test_wait_frames (GTK_WIDGET (fixture->view), 3));
  g_assert_nonnull (find_cell (GTK_WIDGET (fixture->view), "False"));
  g_assert_null (find_cell (GTK_WIDGET (fixture->view), "True"));
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/auditing-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("table", test_table);
  ADD ("fix-all", test_fix_all);
  ADD ("selected-nothing-to-do", test_selected_nothing_to_do);
  ADD ("pause-cancel-errors", test_pause_cancel_errors);
  ADD ("resume-offered", test_resume_offered);
  ADD ("organization-audit-off", test_organization_audit_off);
  ADD ("audit-bypass", test_audit_bypass);
  ADD ("audit-bypass-refused", test_audit_bypass_refused);
  ADD ("header-fits", test_header_fits);
  ADD ("audit-enabled-column", test_audit_enabled_column);

#undef ADD

  return g_test_run ();
}
