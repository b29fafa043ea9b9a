/* kanri-cli-signin.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kanri-cli-commands.h"
#include "kanri-secrets.h"
#include "kanri-signin.h"

/* kanri-cli signin [--cloud CLOUD] [--login-url URL]
 * kanri-cli signout [--tenant NAME] */

typedef struct
{
  GMainLoop       *loop;
  KanriDeviceCode *code;
  KanriTokens     *tokens;
  GPtrArray       *tenants;
  gboolean         done;
  GError          *error;
} Session;

static void
session_clear (Session *session)
{
  g_clear_pointer (&session->loop, g_main_loop_unref);
  g_clear_pointer (&session->code, kanri_device_code_free);
  g_clear_pointer (&session->tokens, kanri_tokens_free);
  g_clear_pointer (&session->tenants, g_ptr_array_unref);
  g_clear_error (&session->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Session, session_clear)

static int
fail (const GError *error)
{
  fprintf (stderr, "kanri-cli: %s\n", error->message);
  return KANRI_CLI_EXIT_FAILED;
}

static void
on_begun (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Session *session = user_data;

  session->code = kanri_signin_begin_finish (KANRI_SIGNIN (object), result, &session->error);
  g_main_loop_quit (session->loop);
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Session *session = user_data;

  session->tokens = kanri_signin_wait_finish (KANRI_SIGNIN (object), result, &session->error);
  g_main_loop_quit (session->loop);
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Session *session = user_data;

  session->done = kanri_secrets_store_finish (result, &session->error);
  g_main_loop_quit (session->loop);
}

int
kanri_cli_signin (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriSignin) signin = NULL;
  g_autofree char *cloud_name = NULL;
  g_autofree char *login_url = NULL;
  g_auto(Session) session = { 0 };
  KanriCloud cloud = KANRI_CLOUD_WORLDWIDE;
  GOptionEntry entries[] = {
    { "cloud", 0, 0, G_OPTION_ARG_STRING, &cloud_name,
      N_("worldwide (also GCC), gcchigh, dod or china (21Vianet)"), N_("CLOUD") },
    { "login-url", 0, 0, G_OPTION_ARG_STRING, &login_url,
      N_("The identity platform’s address, instead of the cloud’s"), N_("URL") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Signs in to a Microsoft 365 tenant with a device code and keeps the "
                                           "tokens in the keyring."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kanri-cli signin: %s\n", error->message);
      return KANRI_CLI_EXIT_USAGE;
    }

  if (cloud_name != NULL && !kanri_cloud_from_string (cloud_name, &cloud))
    {
      fprintf (stderr, _("kanri-cli signin: unknown cloud “%s”"), cloud_name);
      fputs ("\n", stderr);
      return KANRI_CLI_EXIT_USAGE;
    }

  signin = kanri_signin_new (cloud);
  if (login_url != NULL && !kanri_signin_set_login_url (signin, login_url, &error))
    return fail (error);

  session.loop = g_main_loop_new (NULL, FALSE);

  kanri_signin_begin_async (signin, NULL, on_begun, &session);
  g_main_loop_run (session.loop);
  if (session.code == NULL)
    return fail (session.error);

  /* The identity platform's own instructions, in the user's language. */
  printf ("%s\n", session.code->message);
  printf (_("Code: %s\n"), session.code->user_code);
  fflush (stdout);

  kanri_signin_wait_async (signin, session.code, NULL, on_signed_in, &session);
  g_main_loop_run (session.loop);
  if (session.tokens == NULL)
    return fail (session.error);

  kanri_secrets_store_async (session.tokens, NULL, on_stored, &session);
  g_main_loop_run (session.loop);
  if (!session.done)
    return fail (session.error);

  printf (_("Signed in as %s to tenant %s (%s).\n"),
          session.tokens->upn ? session.tokens->upn : "?",
          session.tokens->tenant_id, kanri_cloud_get_label (cloud));
  return KANRI_CLI_EXIT_OK;
}

static void
on_listed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Session *session = user_data;

  session->tenants = kanri_secrets_list_finish (result, &session->error);
  g_main_loop_quit (session->loop);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Session *session = user_data;

  session->done = kanri_secrets_clear_finish (result, &session->error);
  g_main_loop_quit (session->loop);
}

int
kanri_cli_signout (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = NULL;
  g_auto(Session) session = { 0 };
  KanriTokens *entry;
  GOptionEntry entries[] = {
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &tenant,
      N_("The tenant: its ID, an account or its domain (needed when several are signed in)"), N_("NAME") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Signs out of a tenant: deletes its tokens from the keyring."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "kanri-cli signout: %s\n", error->message);
      return KANRI_CLI_EXIT_USAGE;
    }

  session.loop = g_main_loop_new (NULL, FALSE);
  kanri_secrets_list_async (NULL, on_listed, &session);
  g_main_loop_run (session.loop);
  if (session.tenants == NULL)
    return fail (session.error);

  entry = kanri_secrets_find_tenant (session.tenants, tenant, &error);
  if (entry == NULL)
    return fail (error);

  kanri_secrets_clear_async (entry->tenant_id, NULL, on_cleared, &session);
  g_main_loop_run (session.loop);
  if (session.error != NULL)
    return fail (session.error);

  printf (_("Signed out of tenant %s.\n"), entry->tenant_id);
  return KANRI_CLI_EXIT_OK;
}
