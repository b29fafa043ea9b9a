/* test-audit-fix-crash.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Mailbox Auditing page's promise (PRODUCT.md "Reliability"): fix
 * option 2 on 2,000 mailboxes, with the service throttling now and then
 * (429 with Retry-After), and the app killed with SIGKILL half-way. After a
 * restart and Resume, all 2,000 are fixed, and no change reached the
 * service twice. The emulator lives in this process and outlives the app's
 * side (audit-fix-child), as the service outlives a crashed Kanri; the
 * pattern is test-journal-crash's. */

#include "config.h"

#include "kanri-test-child.h"
#include "kanri-test-tenant.h"

#define N_MAILBOXES 2000
#define KILL_AT     (N_MAILBOXES / 2)

/* A tenant whose mailboxes have all customised their owner's audit list
 * and lack MailItemsAccessed and Send there. */
static char *
write_seed (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), "audit-crash-seed.json", NULL);
  static const char *const owner[] = {
    "ApplyRecord", "HardDelete", "MoveToDeletedItems", "SoftDelete", "Update",
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Tenant");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "Id");
  json_builder_add_string_value (builder, "3f2b8c1e-7d4a-4e9b-9a61-5c0d2e7f8a14");
  json_builder_set_member_name (builder, "Organization");
  json_builder_add_string_value (builder, "contoso.onmicrosoft.com");
  json_builder_set_member_name (builder, "Admin");
  json_builder_add_string_value (builder, "admin@contoso.onmicrosoft.com");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "Mailboxes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < N_MAILBOXES; i++)
    {
      g_autofree char *upn = g_strdup_printf ("user%04u@fabrikam.com", i);
      g_autofree char *name = g_strdup_printf ("利用者 %04u", i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "UserPrincipalName");
      json_builder_add_string_value (builder, upn);
      json_builder_set_member_name (builder, "DisplayName");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "DefaultAuditSet");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, "Admin");
      json_builder_add_string_value (builder, "Delegate");
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "AuditOwner");
      json_builder_begin_array (builder);
      for (guint j = 0; j < G_N_ELEMENTS (owner); j++)
        json_builder_add_string_value (builder, owner[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);

  return path;
}

/* The tenant's state file, seeded before the emulator serves it. */
static void
seed (const char *state_path,
      const char *seed_path)
{
  g_autoptr(KanriEmulator) emulator = NULL;
  g_autoptr(GError) error = NULL;

  emulator = kanri_emulator_new (state_path, &error);
  g_assert_no_error (error);
  g_assert_true (kanri_emulator_seed (emulator, seed_path, &error));
  g_assert_no_error (error);
}

/* Throttled now and then, across the whole batch, kill or not. */
static void
add_faults (KanriEmulator *emulator,
            gpointer       user_data)
{
  static const guint nth[] = { 120, 480, 990, 1010, 1500, 1880 };

  for (guint i = 0; i < G_N_ELEMENTS (nth); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *spec = g_strdup_printf ("429,retry-after=1,cmdlet=Set-Mailbox,nth=%u", nth[i]);

      g_assert_true (kanri_emulator_add_fault (emulator, spec, &error));
      g_assert_no_error (error);
    }
}

static gboolean
list_contains (JsonObject *object,
               const char *member,
               const char *value)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (g_str_equal (json_array_get_string_element (array, i), value))
        return TRUE;
    }

  return FALSE;
}

static void
test_kill_and_resume (void)
{
  g_autoptr(KanriDemoHost) host = NULL;
  g_autoptr(KanriTestChild) child = NULL;
  g_autoptr(JsonArray) mailboxes = NULL;
  g_autofree char *seed_path = write_seed ();
  g_autofree char *demo_path = g_build_filename (g_get_user_data_dir (), "audit-crash-tenant.db", NULL);
  guint throttled = 0;
  guint received;
  guint resumed;
  guint runs = 1;

  seed (demo_path, seed_path);
  host = kanri_test_demo_host_start (demo_path);
  kanri_demo_host_run (host, add_faults, NULL);
  child = kanri_test_child_new ("audit-fix-child", host);

  /* Killed once, half-way. */
  g_assert_false (kanri_test_child_run (child, KILL_AT));

  /* Restarted: the unfinished fix is resumed and runs to its end. */
  kanri_test_child_run_to_end (child, &runs, 10);

  /* No change reached the service twice. */
  received = kanri_test_child_check_sent_once (host, "Set-Mailbox", &throttled);
  g_test_message ("%u restarts, %u requests throttled", runs, throttled);
  g_assert_cmpuint (throttled, >, 0);
  g_assert_cmpuint (received, ==, N_MAILBOXES);

  /* All 2,000 fixed. */
  mailboxes = kanri_test_demo_host_get_mailboxes (host);
  g_assert_cmpuint (json_array_get_length (mailboxes), ==, N_MAILBOXES);
  for (guint i = 0; i < json_array_get_length (mailboxes); i++)
    {
      JsonObject *mailbox = json_array_get_object_element (mailboxes, i);

      if (!list_contains (mailbox, "AuditOwner", "MailItemsAccessed") || !list_contains (mailbox, "AuditOwner", "Send"))
        g_error ("%s was not fixed", json_object_get_string_member (mailbox, "UserPrincipalName"));
    }

  /* And the journal says so: one operation each, all done. */
  resumed = kanri_test_child_check_journal (child, N_MAILBOXES);
  g_test_message ("%u changes were in flight at the kill and resumed", resumed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/audit-fix/kill-and-resume", test_kill_and_resume);

  return g_test_run ();
}
