/* test-cmdlet.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-cmdlet.h"

/* Every cmdlet Kanri sends, as a user might type it, with the PowerShell
 * Kanri shows for it and the InvokeCommand body it sends. */
static const struct
{
  const char *typed;
  const char *powershell;
  const char *body;
} cmdlets[] = {
  { "Get-Mailbox -ResultSize Unlimited",
    "Get-Mailbox -ResultSize Unlimited",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-Mailbox\",\"Parameters\":{\"ResultSize\":\"Unlimited\"}}}" },
  { "Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox",
    "Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails UserMailbox",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-Mailbox\",\"Parameters\":{\"ResultSize\":\"Unlimited\",\"RecipientTypeDetails\":[\"UserMailbox\"]}}}" },
  /* Message trace: -Status a list even for one word, the IDs and
   * addresses strings. */
  { "Get-MessageTraceV2 -MessageId \"<a1@contoso.com>\" -Status Failed -SenderAddress 1234 -ResultSize 1000",
    "Get-MessageTraceV2 -MessageId \"<a1@contoso.com>\" -Status Failed -SenderAddress \"1234\" -ResultSize 1000",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-MessageTraceV2\",\"Parameters\":{\"MessageId\":\"<a1@contoso.com>\",\"Status\":[\"Failed\"],\"SenderAddress\":\"1234\",\"ResultSize\":1000}}}" },
  { "Get-MessageTraceDetailV2 -MessageTraceId 0a1b2c3d-0000-4000-8000-000000000001 -RecipientAddress b@contoso.com -Event DELIVER",
    "Get-MessageTraceDetailV2 -MessageTraceId \"0a1b2c3d-0000-4000-8000-000000000001\" -RecipientAddress \"b@contoso.com\" -Event DELIVER",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-MessageTraceDetailV2\",\"Parameters\":{\"MessageTraceId\":\"0a1b2c3d-0000-4000-8000-000000000001\",\"RecipientAddress\":\"b@contoso.com\",\"Event\":[\"DELIVER\"]}}}" },
  { "Get-Mailbox -Identity User01@contoso.com",
    "Get-Mailbox -Identity \"User01@contoso.com\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-Mailbox\",\"Parameters\":{\"Identity\":\"User01@contoso.com\"}}}" },
  { "Set-Mailbox -Identity User02@contoso.com -DefaultAuditSet Admin,Delegate,Owner",
    "Set-Mailbox -Identity \"User02@contoso.com\" -DefaultAuditSet Admin,Delegate,Owner",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-Mailbox\",\"Parameters\":{\"Identity\":\"User02@contoso.com\",\"DefaultAuditSet\":[\"Admin\",\"Delegate\",\"Owner\"]}}}" },
  { "Set-Mailbox -Identity \"a@contoso.com\" -AuditOwner @{Add=\"MailItemsAccessed\",\"Send\"} -AuditAdmin @{Add=\"MailItemsAccessed\",\"Send\"} -AuditDelegate @{Add=\"MailItemsAccessed\"}",
    "Set-Mailbox -Identity \"a@contoso.com\" -AuditOwner @{Add=\"MailItemsAccessed\",\"Send\"} -AuditAdmin @{Add=\"MailItemsAccessed\",\"Send\"} -AuditDelegate @{Add=\"MailItemsAccessed\"}",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-Mailbox\",\"Parameters\":{\"Identity\":\"a@contoso.com\","
    "\"AuditOwner\":{\"@odata.type\":\"#Exchange.GenericHashTable\",\"Add\":[\"MailItemsAccessed\",\"Send\"]},"
    "\"AuditAdmin\":{\"@odata.type\":\"#Exchange.GenericHashTable\",\"Add\":[\"MailItemsAccessed\",\"Send\"]},"
    "\"AuditDelegate\":{\"@odata.type\":\"#Exchange.GenericHashTable\",\"Add\":[\"MailItemsAccessed\"]}}}}" },
  /* The seed's own spelling, with a space after "=" and one string. */
  { "Set-Mailbox -Identity User@contoso.com -AuditOwner @{Add= \"MailItemsAccessed,Send\"}",
    "Set-Mailbox -Identity \"User@contoso.com\" -AuditOwner @{Add=\"MailItemsAccessed,Send\"}",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-Mailbox\",\"Parameters\":{\"Identity\":\"User@contoso.com\","
    "\"AuditOwner\":{\"@odata.type\":\"#Exchange.GenericHashTable\",\"Add\":[\"MailItemsAccessed,Send\"]}}}}" },
  { "Set-Mailbox 'a@contoso.com' -AuditOwner @{ Add = 'Send' ; Remove = 'MessageBind', 'FolderBind' } -AuditEnabled $true -AuditLogAgeLimit 180.00:00:00",
    "Set-Mailbox -Identity \"a@contoso.com\" -AuditOwner @{Add=\"Send\"; Remove=\"MessageBind\",\"FolderBind\"} -AuditEnabled $true -AuditLogAgeLimit \"180.00:00:00\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-Mailbox\",\"Parameters\":{\"Identity\":\"a@contoso.com\","
    "\"AuditOwner\":{\"@odata.type\":\"#Exchange.GenericHashTable\",\"Add\":[\"Send\"],\"Remove\":[\"MessageBind\",\"FolderBind\"]},"
    "\"AuditEnabled\":true,\"AuditLogAgeLimit\":\"180.00:00:00\"}}}" },
  { "Set-Mailbox -Identity \"山田 太郎\" -AuditAdmin None",
    "Set-Mailbox -Identity \"山田 太郎\" -AuditAdmin None",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-Mailbox\",\"Parameters\":{\"Identity\":\"山田 太郎\",\"AuditAdmin\":[\"None\"]}}}" },
  { "Get-InboundConnector",
    "Get-InboundConnector",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-InboundConnector\",\"Parameters\":{}}}" },
  { "Get-InboundConnector \"Inbound Connector for Contoso.com\"",
    "Get-InboundConnector -Identity \"Inbound Connector for Contoso.com\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-InboundConnector\",\"Parameters\":{\"Identity\":\"Inbound Connector for Contoso.com\"}}}" },
  { "New-InboundConnector -Name \"Gateway\" -ConnectorType Partner -SenderDomains * -RestrictDomainsToIPAddresses $true -SenderIPAddresses 203.0.113.10,198.51.100.0/24 -RequireTls $true",
    "New-InboundConnector -Name \"Gateway\" -ConnectorType Partner -SenderDomains * -RestrictDomainsToIPAddresses $true -SenderIPAddresses 203.0.113.10,198.51.100.0/24 -RequireTls $true",
    "{\"CmdletInput\":{\"CmdletName\":\"New-InboundConnector\",\"Parameters\":{\"Name\":\"Gateway\",\"ConnectorType\":\"Partner\","
    "\"SenderDomains\":[\"*\"],\"RestrictDomainsToIPAddresses\":true,\"SenderIPAddresses\":[\"203.0.113.10\",\"198.51.100.0/24\"],\"RequireTls\":true}}}" },
  { "New-InboundConnector \"Contoso Inbound Secure Connector\" -SenderDomains *.contoso.com -Comment \"It's `\"ours`\"\" -TlsSenderCertificateName *.contoso.com -RestrictDomainsToCertificate $true",
    "New-InboundConnector -Name \"Contoso Inbound Secure Connector\" -SenderDomains *.contoso.com -Comment \"It's `\"ours`\"\" -TlsSenderCertificateName \"*.contoso.com\" -RestrictDomainsToCertificate $true",
    "{\"CmdletInput\":{\"CmdletName\":\"New-InboundConnector\",\"Parameters\":{\"Name\":\"Contoso Inbound Secure Connector\","
    "\"SenderDomains\":[\"*.contoso.com\"],\"Comment\":\"It's \\\"ours\\\"\",\"TlsSenderCertificateName\":\"*.contoso.com\",\"RestrictDomainsToCertificate\":true}}}" },
  { "Set-InboundConnector -Identity \"Gateway\" -EFSkipLastIP $true -EFUsers $null",
    "Set-InboundConnector -Identity \"Gateway\" -EFSkipLastIP $true -EFUsers $null",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-InboundConnector\",\"Parameters\":{\"Identity\":\"Gateway\",\"EFSkipLastIP\":true,\"EFUsers\":null}}}" },
  { "Set-InboundConnector -Identity Gateway -EFSkipLastIP $false -EFSkipIPs 192.168.0.1-192.168.0.254,2001:db8::/32,203.0.113.7 -EFUsers a@contoso.com,\"b c@contoso.com\"",
    "Set-InboundConnector -Identity \"Gateway\" -EFSkipLastIP $false -EFSkipIPs 192.168.0.1-192.168.0.254,\"2001:db8::/32\",203.0.113.7 -EFUsers a@contoso.com,\"b c@contoso.com\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-InboundConnector\",\"Parameters\":{\"Identity\":\"Gateway\",\"EFSkipLastIP\":false,"
    "\"EFSkipIPs\":[\"192.168.0.1-192.168.0.254\",\"2001:db8::/32\",\"203.0.113.7\"],\"EFUsers\":[\"a@contoso.com\",\"b c@contoso.com\"]}}}" },
  { "Set-InboundConnector -Identity \"Gateway\" -Enabled $false -SenderIPAddresses @()",
    "Set-InboundConnector -Identity \"Gateway\" -Enabled $false -SenderIPAddresses @()",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-InboundConnector\",\"Parameters\":{\"Identity\":\"Gateway\",\"Enabled\":false,\"SenderIPAddresses\":[]}}}" },
  { "Remove-InboundConnector -Identity \"Gateway\" -Confirm:$false",
    "Remove-InboundConnector -Identity \"Gateway\" -Confirm:$false",
    "{\"CmdletInput\":{\"CmdletName\":\"Remove-InboundConnector\",\"Parameters\":{\"Identity\":\"Gateway\",\"Confirm\":false}}}" },
  { "Get-RecoverableItems User01@contoso.com -SourceFolder PurgedItems -FilterStartTime \"06/01/2023\" -FilterEndTime \"06/19/2023\" -ResultSize Unlimited",
    "Get-RecoverableItems -Identity \"User01@contoso.com\" -SourceFolder PurgedItems -FilterStartTime \"06/01/2023\" -FilterEndTime \"06/19/2023\" -ResultSize Unlimited",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-RecoverableItems\",\"Parameters\":{\"Identity\":\"User01@contoso.com\",\"SourceFolder\":\"PurgedItems\","
    "\"FilterStartTime\":\"06/01/2023\",\"FilterEndTime\":\"06/19/2023\",\"ResultSize\":\"Unlimited\"}}}" },
  { "Get-RecoverableItems -Identity \"malik@contoso.com\", \"lillian@contoso.com\" -FilterItemType IPM.Note -SubjectContains \"FY17 Accounting\" -MaxParallelSize 2",
    "Get-RecoverableItems -Identity malik@contoso.com,lillian@contoso.com -FilterItemType IPM.Note -SubjectContains \"FY17 Accounting\" -MaxParallelSize 2",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-RecoverableItems\",\"Parameters\":{\"Identity\":[\"malik@contoso.com\",\"lillian@contoso.com\"],"
    "\"FilterItemType\":\"IPM.Note\",\"SubjectContains\":\"FY17 Accounting\",\"MaxParallelSize\":2}}}" },
  { "Restore-RecoverableItems -Identity User01@contoso.com -SourceFolder DiscoveryHoldsItems -LastParentFolderID \"0F53B93149989CA5\" -RestoreTargetFolder \"/Restored\"",
    "Restore-RecoverableItems -Identity \"User01@contoso.com\" -SourceFolder DiscoveryHoldsItems -LastParentFolderID \"0F53B93149989CA5\" -RestoreTargetFolder \"/Restored\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Restore-RecoverableItems\",\"Parameters\":{\"Identity\":\"User01@contoso.com\",\"SourceFolder\":\"DiscoveryHoldsItems\","
    "\"LastParentFolderID\":\"0F53B93149989CA5\",\"RestoreTargetFolder\":\"/Restored\"}}}" },
  { "Restore-RecoverableItems -Identity User01@contoso.com -EntryID 00000000ABCDEF -NoOutput",
    "Restore-RecoverableItems -Identity \"User01@contoso.com\" -EntryID \"00000000ABCDEF\" -NoOutput",
    "{\"CmdletInput\":{\"CmdletName\":\"Restore-RecoverableItems\",\"Parameters\":{\"Identity\":\"User01@contoso.com\",\"EntryID\":\"00000000ABCDEF\",\"NoOutput\":true}}}" },
  { "Get-TransportConfig",
    "Get-TransportConfig",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-TransportConfig\",\"Parameters\":{}}}" },
  { "Set-TransportConfig -MessageExpiration \"0.12:00:00\"",
    "Set-TransportConfig -MessageExpiration \"0.12:00:00\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-TransportConfig\",\"Parameters\":{\"MessageExpiration\":\"0.12:00:00\"}}}" },
  { "Set-TransportConfig -MessageExpiration 18:30",
    "Set-TransportConfig -MessageExpiration \"0.18:30:00\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-TransportConfig\",\"Parameters\":{\"MessageExpiration\":\"0.18:30:00\"}}}" },
  { "Get-AcceptedDomain",
    "Get-AcceptedDomain",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-AcceptedDomain\",\"Parameters\":{}}}" },
  { "Get-ManagementRoleAssignment -Role \"Mailbox Import Export\" -GetEffectiveUsers",
    "Get-ManagementRoleAssignment -Role \"Mailbox Import Export\" -GetEffectiveUsers",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-ManagementRoleAssignment\",\"Parameters\":{\"Role\":\"Mailbox Import Export\",\"GetEffectiveUsers\":true}}}" },
  { "New-ManagementRoleAssignment -Role \"Mailbox Import Export\" -User admin@contoso.onmicrosoft.com",
    "New-ManagementRoleAssignment -Role \"Mailbox Import Export\" -User \"admin@contoso.onmicrosoft.com\"",
    "{\"CmdletInput\":{\"CmdletName\":\"New-ManagementRoleAssignment\",\"Parameters\":{\"Role\":\"Mailbox Import Export\",\"User\":\"admin@contoso.onmicrosoft.com\"}}}" },
  /* Escapes: backtick, dollar, quotes, typographic quotes, newline. */
  { "Set-InboundConnector -Identity \"Gateway\" -Comment \"cost: `$5, a ``tick``, `“curly`”`nnext\"",
    "Set-InboundConnector -Identity \"Gateway\" -Comment \"cost: `$5, a ``tick``, `“curly`”`nnext\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-InboundConnector\",\"Parameters\":{\"Identity\":\"Gateway\",\"Comment\":\"cost: $5, a `tick`, “curly”\\nnext\"}}}" },
  { "Set-InboundConnector –Identity ‘Gateway’ –Comment 'it''s $HOME'",
    "Set-InboundConnector -Identity \"Gateway\" -Comment \"it's `$HOME\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-InboundConnector\",\"Parameters\":{\"Identity\":\"Gateway\",\"Comment\":\"it's $HOME\"}}}" },
  { "Set-InboundConnector -Identity 12345 -Comment 007",
    "Set-InboundConnector -Identity \"12345\" -Comment \"007\"",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-InboundConnector\",\"Parameters\":{\"Identity\":\"12345\",\"Comment\":\"007\"}}}" },
  /* Found by fuzz-cmdlet-parse: a one-item list of a parameter Kanri
   * does not know must stay a list. */
  { "Get-Thing -Names @(bo) -Identity a,b",
    "Get-Thing -Names @(bo) -Identity a,b",
    "{\"CmdletInput\":{\"CmdletName\":\"Get-Thing\",\"Parameters\":{\"Names\":[\"bo\"],\"Identity\":[\"a\",\"b\"]}}}" },
  { "Set-Thing -Identity x -Count -3 -Size 10KB -Names 10KB,x",
    "Set-Thing -Identity \"x\" -Count -3 -Size \"10KB\" -Names \"10KB\",x",
    "{\"CmdletInput\":{\"CmdletName\":\"Set-Thing\",\"Parameters\":{\"Identity\":\"x\",\"Count\":-3,\"Size\":\"10KB\",\"Names\":[\"10KB\",\"x\"]}}}" },
};

static KanriCmdlet *
parse_ok (const char *line)
{
  g_autoptr(GError) error = NULL;
  KanriCmdlet *cmdlet = kanri_cmdlet_parse (line, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cmdlet);
  return cmdlet;
}

/* Some inputs are not UTF-8 on purpose; the TAP stream must stay UTF-8. */
static void
test_message_escaped (const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_test_message ("%s", escaped);
}

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cmdlets); i++)
    {
      g_autoptr(KanriCmdlet) typed = NULL;
      g_autoptr(KanriCmdlet) again = NULL;
      g_autoptr(KanriCmdlet) restored = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *powershell = NULL;
      g_autofree char *body = NULL;
      g_autofree char *json = NULL;

      g_test_message ("%s", cmdlets[i].typed);
      typed = parse_ok (cmdlets[i].typed);
      powershell = kanri_cmdlet_to_powershell (typed);
      body = kanri_cmdlet_to_body (typed);
      json = kanri_cmdlet_to_json (typed);
      g_assert_cmpstr (powershell, ==, cmdlets[i].powershell);
      g_assert_cmpstr (body, ==, cmdlets[i].body);

      /* What Kanri shows reads back as exactly what it sends. */
      again = parse_ok (powershell);
      g_assert_true (kanri_cmdlet_equal (typed, again));

      /* And the journal's copy rebuilds it. */
      restored = kanri_cmdlet_new_from_json (kanri_cmdlet_get_name (typed), json, &error);
      g_assert_no_error (error);
      g_assert_true (kanri_cmdlet_equal (typed, restored));
    }
}

static void
test_builder (void)
{
  g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Set-Mailbox");
  const char *add_owner[] = { "MailItemsAccessed", "Send", NULL };
  const char *remove[] = { "MessageBind", NULL };
  g_autofree char *powershell = NULL;
  g_autofree char *body = NULL;

  kanri_cmdlet_set_string (cmdlet, "Identity", "Yamada, Taro");
  kanri_cmdlet_set_hashtable (cmdlet, "AuditOwner", add_owner, remove);
  kanri_cmdlet_set_time_span (cmdlet, "AuditLogAgeLimit", 90 * G_TIME_SPAN_DAY);
  kanri_cmdlet_set_switch (cmdlet, "Force", TRUE);
  kanri_cmdlet_set_int (cmdlet, "Retries", 3);
  /* Setting again replaces in place. */
  kanri_cmdlet_set_string (cmdlet, "Identity", "Yamada, Taro (山田)");

  g_assert_cmpuint (kanri_cmdlet_get_n_parameters (cmdlet), ==, 5);
  g_assert_cmpstr (kanri_cmdlet_get_parameter_name (cmdlet, 0), ==, "Identity");
  g_assert_cmpstr (kanri_cmdlet_get_string (cmdlet, "identity"), ==, "Yamada, Taro (山田)");
  g_assert_cmpint (kanri_cmdlet_get_time_span (cmdlet, "AuditLogAgeLimit"), ==, 90 * G_TIME_SPAN_DAY);
  g_assert_cmpstr (kanri_cmdlet_get_hashtable_add (cmdlet, "AuditOwner")[1], ==, "Send");
  g_assert_cmpstr (kanri_cmdlet_get_hashtable_remove (cmdlet, "AuditOwner")[0], ==, "MessageBind");
  g_assert_true (kanri_cmdlet_get_bool (cmdlet, "Force"));
  g_assert_cmpint (kanri_cmdlet_get_int (cmdlet, "Retries"), ==, 3);
  g_assert_cmpint (kanri_cmdlet_get_value_type (cmdlet, "Missing"), ==, KANRI_CMDLET_VALUE_NULL);
  g_assert_false (kanri_cmdlet_is_read_only (cmdlet));

  powershell = kanri_cmdlet_to_powershell (cmdlet);
  g_assert_cmpstr (powershell, ==,
                   "Set-Mailbox -Identity \"Yamada, Taro (山田)\" "
                   "-AuditOwner @{Add=\"MailItemsAccessed\",\"Send\"; Remove=\"MessageBind\"} "
                   "-AuditLogAgeLimit \"90.00:00:00\" -Force -Retries 3");
  body = kanri_cmdlet_to_body (cmdlet);
  g_assert_cmpstr (body, ==,
                   "{\"CmdletInput\":{\"CmdletName\":\"Set-Mailbox\",\"Parameters\":{"
                   "\"Identity\":\"Yamada, Taro (山田)\","
                   "\"AuditOwner\":{\"@odata.type\":\"#Exchange.GenericHashTable\","
                   "\"Add\":[\"MailItemsAccessed\",\"Send\"],\"Remove\":[\"MessageBind\"]},"
                   "\"AuditLogAgeLimit\":\"90.00:00:00\",\"Force\":true,\"Retries\":3}}}");

  g_assert_true (kanri_cmdlet_remove (cmdlet, "retries"));
  g_assert_false (kanri_cmdlet_remove (cmdlet, "Retries"));
  g_assert_cmpuint (kanri_cmdlet_get_n_parameters (cmdlet), ==, 4);
}

/* Hostile or odd values survive the trip through PowerShell text. */
static void
test_round_trip_values (void)
{
  static const char *const values[] = {
    "plain", "with space", "quote\"inside", "back`tick", "$dollar", "$(Get-Date)",
    "tab\there", "line\nbreak\r\n", "bell\a", "„low“ ‘single’", "'single'", "-dash",
    "@at", "#hash", "a;b", "a|b", "a,b", "{brace}", "(paren)", "日本語の表示名",
    "10KB", "0x10", "1e5", "12", "-12", "203.0.113.1", "*", "*.contoso.com", " ",
    "\001control",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Set-InboundConnector");
      const char *list[] = { values[i], "x", NULL };
      const char *add[] = { values[i], NULL };
      g_autoptr(KanriCmdlet) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *powershell = NULL;

      kanri_cmdlet_set_string (cmdlet, "Identity", values[i]);
      kanri_cmdlet_set_string (cmdlet, "Comment", values[i]);
      kanri_cmdlet_set_string (cmdlet, "Other", values[i]);
      kanri_cmdlet_set_string_list (cmdlet, "EFUsers", list);
      kanri_cmdlet_set_hashtable (cmdlet, "AuditOwner", add, NULL);
      kanri_cmdlet_set_hashtable (cmdlet, "AuditAdmin", NULL, add);

      powershell = kanri_cmdlet_to_powershell (cmdlet);
      g_test_message ("%s", powershell);
      parsed = kanri_cmdlet_parse (powershell, &error);
      g_assert_no_error (error);
      g_assert_true (kanri_cmdlet_equal (cmdlet, parsed));
    }
}

static void
test_argv (void)
{
  const char *args[] = {
    "-Identity", "Taro Yamada", "-AuditOwner", "@{Add=\"MailItemsAccessed\",\"Send\"}",
    "-DefaultAuditSet", "Admin,Delegate", "-AuditEnabled", "$true", "-Confirm:$false",
    "-AuditLogAgeLimit", "90.00:00:00", "-Force", NULL,
  };
  const char *positional[] = { "Inbound Gateway", "-Enabled", "$false", NULL };
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *powershell = NULL;

  cmdlet = kanri_cmdlet_parse_argv ("Set-Mailbox", args, &error);
  g_assert_no_error (error);
  powershell = kanri_cmdlet_to_powershell (cmdlet);
  g_assert_cmpstr (powershell, ==,
                   "Set-Mailbox -Identity \"Taro Yamada\" -AuditOwner @{Add=\"MailItemsAccessed\",\"Send\"} "
                   "-DefaultAuditSet Admin,Delegate -AuditEnabled $true -Confirm:$false "
                   "-AuditLogAgeLimit \"90.00:00:00\" -Force");
  g_clear_object (&cmdlet);
  g_clear_pointer (&powershell, g_free);

  cmdlet = kanri_cmdlet_parse_argv ("Set-InboundConnector", positional, &error);
  g_assert_no_error (error);
  powershell = kanri_cmdlet_to_powershell (cmdlet);
  g_assert_cmpstr (powershell, ==, "Set-InboundConnector -Identity \"Inbound Gateway\" -Enabled $false");
}

static void
test_argv_errors (void)
{
  static const struct { const char *args[5]; int code; } cases[] = {
    { { "-Identity", "$null", NULL }, KANRI_CMDLET_ERROR_INVALID },
    { { "-Identity", NULL }, KANRI_CMDLET_ERROR_INVALID },
    { { "-Identity", "\"\"", NULL }, KANRI_CMDLET_ERROR_INVALID },
    { { "a", "b", NULL }, KANRI_CMDLET_ERROR_SYNTAX },
    { { "-X", "$env:HOME", NULL }, KANRI_CMDLET_ERROR_UNSUPPORTED },
    { { "-X", "\"a\" b", NULL }, KANRI_CMDLET_ERROR_UNSUPPORTED },
    { { "-X", "1", "-x", "2", NULL }, KANRI_CMDLET_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_parse_argv ("Set-Mailbox", cases[i].args, &error);

      g_assert_null (cmdlet);
      g_assert_error (error, KANRI_CMDLET_ERROR, cases[i].code);
    }
}

static void
test_parse_errors (void)
{
  static const struct { const char *line; int code; } cases[] = {
    { "", KANRI_CMDLET_ERROR_SYNTAX },
    { "Mailbox", KANRI_CMDLET_ERROR_SYNTAX },
    { "Get-Mailbox | Set-Mailbox -DefaultAuditSet Admin", KANRI_CMDLET_ERROR_UNSUPPORTED },
    { "Get-Mailbox -Identity $null", KANRI_CMDLET_ERROR_INVALID },
    { "Get-Mailbox -Identity \"\"", KANRI_CMDLET_ERROR_INVALID },
    { "Get-Mailbox -Identity a,\"\"", KANRI_CMDLET_ERROR_INVALID },
    { "Get-Mailbox -Identity", KANRI_CMDLET_ERROR_INVALID },
    { "Get-Mailbox -Identity -ResultSize 5", KANRI_CMDLET_ERROR_INVALID },
    { "Get-Mailbox -Identity $user", KANRI_CMDLET_ERROR_UNSUPPORTED },
    { "Get-Mailbox -Identity \"$user\"", KANRI_CMDLET_ERROR_UNSUPPORTED },
    { "Get-Mailbox -Identity (Get-Thing)", KANRI_CMDLET_ERROR_UNSUPPORTED },
    { "Get-Mailbox -Identity @splat", KANRI_CMDLET_ERROR_UNSUPPORTED },
    { "Get-Mailbox -Identity \"open", KANRI_CMDLET_ERROR_SYNTAX },
    { "Get-Mailbox -Identity 'open", KANRI_CMDLET_ERROR_SYNTAX },
    { "Get-Mailbox -Identity \"nul`0\"", KANRI_CMDLET_ERROR_SYNTAX },
    { "Get-Mailbox -Identity \"`u{110000}\"", KANRI_CMDLET_ERROR_SYNTAX },
    { "Get-Mailbox a b", KANRI_CMDLET_ERROR_SYNTAX },
    { "Get-Mailbox -Identity a -identity b", KANRI_CMDLET_ERROR_INVALID },
    { "Set-Mailbox -Identity a -AuditOwner @{Add=}", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -AuditOwner @{Replace=\"x\"}", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -AuditOwner @{Add=\"x\"", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -AuditOwner @{Add=$true}", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -AuditOwner @{}", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -AuditOwner @{Add=\"x\"; Add=\"y\"}", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -DefaultAuditSet Admin,$null", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -DefaultAuditSet Admin,", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -DefaultAuditSet @(Admin", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -1x", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a -X\"y\"", KANRI_CMDLET_ERROR_SYNTAX },
    { "Set-Mailbox -Identity a\xff", KANRI_CMDLET_ERROR_SYNTAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriCmdlet) cmdlet = NULL;

      test_message_escaped (cases[i].line);
      cmdlet = kanri_cmdlet_parse (cases[i].line, &error);
      g_assert_null (cmdlet);
      g_assert_error (error, KANRI_CMDLET_ERROR, cases[i].code);
    }
}

static void
test_too_long (void)
{
  g_autoptr(GString) line = g_string_new ("Set-Mailbox -Identity a -Comment \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriCmdlet) cmdlet = NULL;

  while (line->len <= 1024 * 1024)
    g_string_append (line, "xxxxxxxxxxxxxxxx");
  g_string_append_c (line, '"');

  cmdlet = kanri_cmdlet_parse (line->str, &error);
  g_assert_null (cmdlet);
  g_assert_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "1024 KiB"));
}

static void
test_json_errors (void)
{
  static const char *const cases[] = {
    "", "{}", "[1]", "[{\"type\":\"string\",\"value\":\"a\"}]",
    "[{\"name\":\"Identity\",\"type\":\"null\"}]",
    "[{\"name\":\"Identity\",\"type\":\"string\",\"value\":\"\"}]",
    "[{\"name\":\"Identity\",\"type\":\"string-list\",\"value\":[]}]",
    "[{\"name\":\"X\",\"type\":\"string\",\"value\":1}]",
    "[{\"name\":\"X\",\"type\":\"string-list\",\"value\":[1]}]",
    "[{\"name\":\"X\",\"type\":\"time-span\",\"value\":\"soon\"}]",
    "[{\"name\":\"X\",\"type\":\"hashtable\",\"add\":[],\"remove\":[]}]",
    "[{\"name\":\"X\",\"type\":\"float\",\"value\":1.5}]",
    "[{\"name\":\"X\",\"type\":\"bool\",\"value\":true},{\"name\":\"X\",\"type\":\"bool\",\"value\":true}]",
    "[{\"name\":\"1X\",\"type\":\"bool\",\"value\":true}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new_from_json ("Set-Mailbox", cases[i], &error);

      g_test_message ("%s", cases[i]);
      g_assert_null (cmdlet);
      g_assert_error (error, KANRI_CMDLET_ERROR, KANRI_CMDLET_ERROR_INVALID);
    }
}

static void
test_identity_guard (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(KanriCmdlet) cmdlet = kanri_cmdlet_new ("Get-InboundConnector");

      kanri_cmdlet_set_null (cmdlet, "Identity");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*is_identity*");
}

static void
test_time_span (void)
{
  static const struct { const char *text; GTimeSpan span; const char *canonical; } good[] = {
    { "90.00:00:00", 90 * G_TIME_SPAN_DAY, "90.00:00:00" },
    { "0.12:00:00", 12 * G_TIME_SPAN_HOUR, "0.12:00:00" },
    { "1.00:00:00", G_TIME_SPAN_DAY, "1.00:00:00" },
    { "12:00", 12 * G_TIME_SPAN_HOUR, "0.12:00:00" },
    { "23:59:59", G_TIME_SPAN_DAY - G_TIME_SPAN_SECOND, "0.23:59:59" },
    { "7", 7 * G_TIME_SPAN_DAY, "7.00:00:00" },
    { "0:00:01.5", G_TIME_SPAN_SECOND + 500 * G_TIME_SPAN_MILLISECOND, "0.00:00:01.5000000" },
  };
  static const char *const bad[] = {
    "", "1.", "24:00", "1.24:00:00", "00:60", "00:00:60", "-1.00:00:00", "1:2:3:4", "1.00:00:00.",
    "abc", "1 day", "999999999.00:00:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      GTimeSpan span = 0;
      g_autofree char *text = NULL;

      g_assert_true (kanri_time_span_parse (good[i].text, &span));
      g_assert_cmpint (span, ==, good[i].span);
      text = kanri_time_span_to_string (span);
      g_assert_cmpstr (text, ==, good[i].canonical);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GTimeSpan span = 0;

      g_test_message ("%s", bad[i]);
      g_assert_false (kanri_time_span_parse (bad[i], &span));
    }
}

static void
test_read_only (void)
{
  g_autoptr(KanriCmdlet) get = kanri_cmdlet_new ("Get-Mailbox");
  g_autoptr(KanriCmdlet) restore = kanri_cmdlet_new ("Restore-RecoverableItems");
  g_autoptr(KanriCmdlet) copy = NULL;

  kanri_cmdlet_set_string (get, "ResultSize", "Unlimited");
  copy = kanri_cmdlet_copy (get);
  g_assert_true (kanri_cmdlet_equal (get, copy));
  kanri_cmdlet_set_int (copy, "ResultSize", 5);
  g_assert_false (kanri_cmdlet_equal (get, copy));

  g_assert_true (kanri_cmdlet_is_read_only (get));
  g_assert_false (kanri_cmdlet_is_read_only (restore));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cmdlet/table", test_table);
  g_test_add_func ("/cmdlet/builder", test_builder);
  g_test_add_func ("/cmdlet/round-trip-values", test_round_trip_values);
  g_test_add_func ("/cmdlet/argv", test_argv);
  g_test_add_func ("/cmdlet/argv-errors", test_argv_errors);
  g_test_add_func ("/cmdlet/parse-errors", test_parse_errors);
  g_test_add_func ("/cmdlet/too-long", test_too_long);
  g_test_add_func ("/cmdlet/json-errors", test_json_errors);
  g_test_add_func ("/cmdlet/identity-guard", test_identity_guard);
  g_test_add_func ("/cmdlet/time-span", test_time_span);
  g_test_add_func ("/cmdlet/read-only", test_read_only);

  return g_test_run ();
}
