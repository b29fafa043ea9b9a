/* test-operation-check.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-operation-check.h"

static KanriCmdlet *
parse (const char *line)
{
  g_autoptr(GError) error = NULL;
  KanriCmdlet *cmdlet = kanri_cmdlet_parse (line, &error);

  g_assert_no_error (error);
  return cmdlet;
}

static JsonArray *
objects (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static void
test_read_cmdlets (void)
{
  const struct {
    const char *change;
    const char *read;
  } cases[] = {
    { "Set-Mailbox -Identity \"a@contoso.com\" -DefaultAuditSet Admin", "Get-Mailbox -Identity \"a@contoso.com\"" },
    { "New-InboundConnector -Name \"Gateway\" -ConnectorType Partner", "Get-InboundConnector -Identity \"Gateway\"" },
    { "Remove-InboundConnector -Identity \"Gateway\" -Confirm:$false", "Get-InboundConnector -Identity \"Gateway\"" },
    { "Set-TransportConfig -MessageExpiration \"0.12:00:00\"", "Get-TransportConfig" },
    { "Restore-RecoverableItems -Identity \"a@contoso.com\" -EntryID \"00AB\" -SourceFolder PurgedItems -RestoreTargetFolder \"Inbox\"",
      "Get-RecoverableItems -Identity \"a@contoso.com\" -SourceFolder \"PurgedItems\" -EntryID \"00AB\" -ResultSize \"Unlimited\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KanriCmdlet) change = parse (cases[i].change);
      g_autoptr(KanriCmdlet) read = kanri_operation_check_read_cmdlet (change);
      g_autoptr(KanriCmdlet) expected = parse (cases[i].read);
      g_autofree char *read_text = NULL;
      g_autofree char *expected_text = NULL;

      g_assert_nonnull (read);
      read_text = kanri_cmdlet_to_powershell (read);
      expected_text = kanri_cmdlet_to_powershell (expected);
      g_assert_cmpstr (read_text, ==, expected_text);
    }

  {
    /* Nothing Kanri could read back: never sent blindly. */
    g_autoptr(KanriCmdlet) unknown = parse ("Set-OrganizationConfig -AuditDisabled $false");
    g_assert_null (kanri_operation_check_read_cmdlet (unknown));
    g_assert_cmpint (kanri_operation_check_decide (unknown, NULL, NULL), ==, KANRI_CHECK_UNKNOWN);
  }
}

static void
test_set_mailbox_partly_applied (void)
{
  g_autoptr(KanriCmdlet) change = parse ("Set-Mailbox -Identity \"a@contoso.com\" "
                                         "-AuditOwner @{Add=\"MailItemsAccessed\",\"Send\"} "
                                         "-AuditDelegate @{Add=\"MailItemsAccessed\"}");
  g_autoptr(JsonArray) now = objects ("[{\"AuditOwner\":[\"Update\",\"MailItemsAccessed\"],"
                                      "\"AuditDelegate\":[\"Update\",\"MailItemsAccessed\"]}]");
  g_autoptr(KanriCmdlet) remaining = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (kanri_operation_check_decide (change, now, &remaining), ==, KANRI_CHECK_SEND);
  text = kanri_cmdlet_to_powershell (remaining);
  g_assert_cmpstr (text, ==, "Set-Mailbox -Identity \"a@contoso.com\" -AuditOwner @{Add=\"Send\"}");
}

static void
test_set_mailbox_already_applied (void)
{
  g_autoptr(KanriCmdlet) change = parse ("Set-Mailbox -Identity \"a@contoso.com\" "
                                         "-AuditOwner @{Add=\"mailitemsaccessed\"} "
                                         "-DefaultAuditSet Admin,Owner");
  g_autoptr(JsonArray) now = objects ("[{\"AuditOwner\":[\"MailItemsAccessed\"],"
                                      "\"DefaultAuditSet\":[\"Admin\",\"Delegate\",\"Owner\"]}]");

  g_assert_cmpint (kanri_operation_check_decide (change, now, NULL), ==, KANRI_CHECK_DONE);
}

static void
test_set_transport_config (void)
{
  g_autoptr(KanriCmdlet) change = parse ("Set-TransportConfig -MessageExpiration \"0.12:00:00\"");
  g_autoptr(JsonArray) done = objects ("[{\"MessageExpiration\":\"12:00:00\"}]");
  g_autoptr(JsonArray) not_yet = objects ("[{\"MessageExpiration\":\"1.00:00:00\"}]");
  g_autoptr(KanriCmdlet) remaining = NULL;

  g_assert_cmpint (kanri_operation_check_decide (change, done, NULL), ==, KANRI_CHECK_DONE);
  g_assert_cmpint (kanri_operation_check_decide (change, not_yet, &remaining), ==, KANRI_CHECK_SEND);
  g_assert_nonnull (remaining);
}

static void
test_connector_lists_and_nulls (void)
{
  g_autoptr(KanriCmdlet) change = parse ("Set-InboundConnector -Identity \"Gateway\" "
                                         "-EFSkipLastIP $true -EFUsers $null "
                                         "-SenderDomains * -SenderIPAddresses 203.0.113.10,198.51.100.0/24");
  g_autoptr(JsonArray) done = objects ("[{\"EFSkipLastIP\":true,\"EFUsers\":[],"
                                       "\"SenderDomains\":[\"smtp:*;1\"],"
                                       "\"SenderIPAddresses\":[\"198.51.100.0/24\",\"203.0.113.10\"]}]");
  g_autoptr(JsonArray) partly = objects ("[{\"EFSkipLastIP\":false,\"EFUsers\":[\"a@contoso.com\"],"
                                         "\"SenderDomains\":[\"smtp:*;1\"],"
                                         "\"SenderIPAddresses\":[\"203.0.113.10\"]}]");
  g_autoptr(KanriCmdlet) remaining = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (kanri_operation_check_decide (change, done, NULL), ==, KANRI_CHECK_DONE);
  g_assert_cmpint (kanri_operation_check_decide (change, partly, &remaining), ==, KANRI_CHECK_SEND);
  text = kanri_cmdlet_to_powershell (remaining);
  g_assert_cmpstr (text, ==, "Set-InboundConnector -Identity \"Gateway\" -EFSkipLastIP $true "
                             "-EFUsers $null -SenderIPAddresses 203.0.113.10,198.51.100.0/24");
}

static void
test_new_remove_restore (void)
{
  g_autoptr(KanriCmdlet) create = parse ("New-InboundConnector -Name \"Gateway\" -ConnectorType Partner");
  g_autoptr(KanriCmdlet) remove = parse ("Remove-InboundConnector -Identity \"Gateway\"");
  g_autoptr(KanriCmdlet) restore = parse ("Restore-RecoverableItems -Identity \"a\" -EntryID \"00AB\"");
  g_autoptr(JsonArray) found = objects ("[{\"Name\":\"Gateway\"}]");
  g_autoptr(JsonArray) none = objects ("[]");
  g_autoptr(KanriCmdlet) remaining = NULL;

  g_assert_cmpint (kanri_operation_check_decide (create, found, NULL), ==, KANRI_CHECK_DONE);
  g_assert_cmpint (kanri_operation_check_decide (create, none, &remaining), ==, KANRI_CHECK_SEND);
  g_assert_nonnull (remaining);
  g_assert_cmpint (kanri_operation_check_decide (remove, found, NULL), ==, KANRI_CHECK_SEND);
  g_assert_cmpint (kanri_operation_check_decide (remove, NULL, NULL), ==, KANRI_CHECK_DONE);
  g_assert_cmpint (kanri_operation_check_decide (restore, found, NULL), ==, KANRI_CHECK_SEND);
  g_assert_cmpint (kanri_operation_check_decide (restore, none, NULL), ==, KANRI_CHECK_DONE);

  /* The mailbox a Set-Mailbox was for is gone: unknowable, not resent. */
  {
    g_autoptr(KanriCmdlet) set = parse ("Set-Mailbox -Identity \"gone\" -DefaultAuditSet Admin");
    g_assert_cmpint (kanri_operation_check_decide (set, none, NULL), ==, KANRI_CHECK_UNKNOWN);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/operation-check/read-cmdlets", test_read_cmdlets);
  g_test_add_func ("/operation-check/set-mailbox-partly", test_set_mailbox_partly_applied);
  g_test_add_func ("/operation-check/set-mailbox-done", test_set_mailbox_already_applied);
  g_test_add_func ("/operation-check/transport-config", test_set_transport_config);
  g_test_add_func ("/operation-check/connector", test_connector_lists_and_nulls);
  g_test_add_func ("/operation-check/new-remove-restore", test_new_remove_restore);

  return g_test_run ();
}
