/* test-audit-rules.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-audit-rules.h"

static const char *const all_types[] = { "Admin", "Delegate", "Owner", NULL };
static const char *const admin_owner[] = { "Admin", "Owner", NULL };
static const char *const none[] = { NULL };

static const char *const e5_admin[] = {
  "ApplyRecord", "Create", "HardDelete", "MailItemsAccessed", "MoveToDeletedItems", "Send",
  "SendAs", "SendOnBehalf", "SoftDelete", "Update", "UpdateCalendarDelegation",
  "UpdateFolderPermissions", "UpdateInboxRules", NULL
};
static const char *const e5_delegate[] = {
  "ApplyRecord", "Create", "HardDelete", "MailItemsAccessed", "MoveToDeletedItems", "SendAs",
  "SendOnBehalf", "SoftDelete", "Update", "UpdateFolderPermissions", "UpdateInboxRules", NULL
};
static const char *const e5_owner[] = {
  "ApplyRecord", "HardDelete", "MailItemsAccessed", "MoveToDeletedItems", "Send", "SoftDelete",
  "Update", "UpdateCalendarDelegation", "UpdateFolderPermissions", "UpdateInboxRules", NULL
};
static const char *const e3_owner[] = {
  "ApplyRecord", "HardDelete", "MoveToDeletedItems", "SoftDelete", "Update",
  "UpdateFolderPermissions", "UpdateInboxRules", NULL
};
static const char *const e3_delegate[] = {
  "ApplyRecord", "Create", "HardDelete", "MoveToDeletedItems", "SendAs", "SendOnBehalf",
  "SoftDelete", "Update", "UpdateFolderPermissions", "UpdateInboxRules", NULL
};
static const char *const owner_with_bind[] = {
  "HardDelete", "MessageBind", "MailItemsAccessed", "Send", "SearchQueryInitiated", NULL
};

static void
test_evaluate_table (void)
{
  const struct {
    const char        *name;
    KanriAuditSettings settings;
    KanriAuditFlags    flags;
  } cases[] = {
    { "defaults, E5", { all_types, { e5_admin, e5_delegate, e5_owner } },
      KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED },
    /* E3 before the rollout: managed, so Microsoft adds them. */
    { "defaults, E3", { all_types, { e5_admin, e3_delegate, e3_owner } },
      KANRI_AUDIT_FLAG_AWAITING_MICROSOFT | KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED },
    /* The seed's case: Delegate customised and without MailItemsAccessed. */
    { "customised delegate", { admin_owner, { e5_admin, e3_delegate, e5_owner } },
      KANRI_AUDIT_FLAG_CUSTOMISED | KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED |
      KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED },
    { "nothing managed, E3 owner", { none, { e5_admin, e5_delegate, e3_owner } },
      KANRI_AUDIT_FLAG_CUSTOMISED | KANRI_AUDIT_FLAG_MISSING_MAIL_ITEMS_ACCESSED |
      KANRI_AUDIT_FLAG_MISSING_SEND | KANRI_AUDIT_FLAG_NO_SEARCH_QUERY_INITIATED },
    { "MessageBind and searches", { admin_owner, { e5_admin, e5_delegate, owner_with_bind } },
      KANRI_AUDIT_FLAG_CUSTOMISED | KANRI_AUDIT_FLAG_MESSAGE_BIND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].name);
      g_assert_cmphex (kanri_audit_evaluate (&cases[i].settings), ==, cases[i].flags);
    }
}

static void
test_need_attention_mask (void)
{
  KanriAuditSettings managed_e3 = { all_types, { e5_admin, e3_delegate, e3_owner } };
  KanriAuditSettings customised = { admin_owner, { e5_admin, e3_delegate, e5_owner } };

  g_assert_false (kanri_audit_evaluate (&managed_e3) & KANRI_AUDIT_FLAGS_NEED_ATTENTION);
  g_assert_true (kanri_audit_evaluate (&customised) & KANRI_AUDIT_FLAGS_NEED_ATTENTION);
}

static void
test_option2_additions (void)
{
  KanriAuditSettings settings = { none, { e5_admin, e3_delegate, e3_owner } };
  KanriAuditSettings managed = { all_types, { e5_admin, e3_delegate, e3_owner } };
  g_auto(GStrv) admin = kanri_audit_option2_additions (&settings, KANRI_AUDIT_ADMIN);
  g_auto(GStrv) delegate = kanri_audit_option2_additions (&settings, KANRI_AUDIT_DELEGATE);
  g_auto(GStrv) owner = kanri_audit_option2_additions (&settings, KANRI_AUDIT_OWNER);
  g_auto(GStrv) managed_owner = kanri_audit_option2_additions (&managed, KANRI_AUDIT_OWNER);
  const char *const delegate_expected[] = { "MailItemsAccessed", NULL };
  const char *const owner_expected[] = { "MailItemsAccessed", "Send", NULL };

  /* Only what is missing: a second run adds nothing (exactly once). */
  g_assert_cmpuint (g_strv_length (admin), ==, 0);
  g_assert_true (g_strv_equal ((const char *const *)delegate, delegate_expected));
  g_assert_true (g_strv_equal ((const char *const *)owner, owner_expected));
  /* A managed list is left to Microsoft. */
  g_assert_cmpuint (g_strv_length (managed_owner), ==, 0);
}

static void
test_defaults_and_names (void)
{
  g_assert_cmpstr (kanri_audit_logon_type_name (KANRI_AUDIT_DELEGATE), ==, "Delegate");
  g_assert_cmpuint (g_strv_length ((char **)kanri_audit_default_actions (KANRI_AUDIT_ADMIN)), ==, 13);
  g_assert_cmpuint (g_strv_length ((char **)kanri_audit_default_actions (KANRI_AUDIT_DELEGATE)), ==, 11);
  g_assert_cmpuint (g_strv_length ((char **)kanri_audit_default_actions (KANRI_AUDIT_OWNER)), ==, 10);
  g_assert_cmpstr (kanri_audit_flag_label (KANRI_AUDIT_FLAG_MESSAGE_BIND), ==, "MessageBind (deprecated)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit-rules/evaluate", test_evaluate_table);
  g_test_add_func ("/audit-rules/need-attention", test_need_attention_mask);
  g_test_add_func ("/audit-rules/option2", test_option2_additions);
  g_test_add_func ("/audit-rules/defaults", test_defaults_and_names);

  return g_test_run ();
}
