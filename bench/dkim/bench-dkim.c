/* bench-dkim.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dkim.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "kanri-signature-check.h"
#include "kanri-zone-resolver.h"

/* Verifies the same messages of about 10 KB (signed by dkimpy-bench.py with
 * the corpus keys) with Kanri, libopendkim and dkimpy in one run, and prints
 * microseconds per message for each. Every verifier looks its key up in the
 * corpus zone in memory and parses it again for each message; Kanri is also
 * timed with the key cache of one verifier kept over many messages, as
 * `kanri-cli verify` has it for several files.
 *
 * Each figure is the fastest of BATCHES batches, the verifiers' batches
 * taking turns: on a shared machine that is the one least disturbed by
 * other work, and all verifiers see the same load. */

#define KANRI_ROUNDS 2000
#define OPENDKIM_ROUNDS 2000
#define DKIMPY_ROUNDS 200
#define BATCHES 5

/* The target of issue 15 for RSA-2048 messages of about 10 KB. */
#define TARGET_US 100.0

typedef struct
{
  const char *name;
  GBytes     *message;
  double      dkimpy_us;
} Case;

static KanriZoneResolver *zone;

static void
case_clear (gpointer data)
{
  Case *c = data;

  g_bytes_unref (c->message);
}

static gboolean
run_dkimpy (char **out)
{
  g_autofree char *rounds = g_strdup_printf ("%d", DKIMPY_ROUNDS);
  const char *argv[] = { "/usr/bin/python3", DKIMPY_BENCH, DKIM_DATA, rounds, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error))
    {
      fprintf (stderr, "bench-dkim: %s: %s\n", DKIMPY_BENCH, error->message);
      return FALSE;
    }
  if (!g_subprocess_get_successful (process))
    {
      fprintf (stderr, "bench-dkim: %s failed (needs python3-dkim and python3-nacl)\n", DKIMPY_BENCH);
      return FALSE;
    }
  return TRUE;
}

static gboolean
kanri_verify_once (KanriDkimVerifier *verifier,
                   GBytes            *message)
{
  g_autoptr(KanriSignatureCheck) check = NULL;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  check = kanri_signature_check_run (data, length, verifier, NULL);
  return kanri_signature_check_passes (check);
}

/* A new verifier for each message: key looked up and parsed each time. */
static double
time_kanri_cold (GBytes *message,
                 guint   rounds)
{
  gint64 start = g_get_monotonic_time ();

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(KanriDkimVerifier) verifier = kanri_dkim_verifier_new (KANRI_RESOLVER (zone));

      if (!kanri_verify_once (verifier, message))
        g_error ("Kanri does not verify a benchmark message");
    }

  return (double) (g_get_monotonic_time () - start) / rounds;
}

static double
time_kanri_warm (GBytes *message,
                 guint   rounds)
{
  g_autoptr(KanriDkimVerifier) verifier = kanri_dkim_verifier_new (KANRI_RESOLVER (zone));
  gint64 start;

  kanri_verify_once (verifier, message);
  start = g_get_monotonic_time ();
  for (guint r = 0; r < rounds; r++)
    {
      if (!kanri_verify_once (verifier, message))
        g_error ("Kanri does not verify a benchmark message");
    }

  return (double) (g_get_monotonic_time () - start) / rounds;
}

/* libopendkim's key lookup: the TXT record from the same zone, so that it
 * does no DNS either. */
static DKIM_CBSTAT
opendkim_key_lookup (DKIM         *dkim,
                     DKIM_SIGINFO *sig,
                     u_char       *buf,
                     size_t        buflen)
{
  g_autofree char *name = g_strdup_printf ("%s._domainkey.%s",
                                           (const char *)dkim_sig_getselector (sig),
                                           (const char *)dkim_sig_getdomain (sig));
  g_autoptr(GPtrArray) records = NULL;
  KanriDnsRecord *record;

  records = kanri_resolver_lookup (KANRI_RESOLVER (zone), name, KANRI_DNS_TYPE_TXT, NULL, NULL);
  if (records == NULL)
    return DKIM_CBSTAT_NOTFOUND;

  record = g_ptr_array_index (records, 0);
  if (record->length >= buflen)
    return DKIM_CBSTAT_ERROR;
  memcpy (buf, record->text, record->length + 1);
  return DKIM_CBSTAT_CONTINUE;
}

static gboolean
opendkim_verify_once (DKIM_LIB *lib,
                      GBytes   *message)
{
  DKIM_STAT status;
  DKIM_SIGINFO *sig;
  DKIM *dkim;
  gboolean pass;
  gsize length;
  u_char *data = (u_char *)g_bytes_get_data (message, &length);

  dkim = dkim_verify (lib, (const u_char *)"bench", NULL, &status);
  g_assert (dkim != NULL);
  dkim_chunk (dkim, data, length);
  dkim_chunk (dkim, NULL, 0);
  status = dkim_eom (dkim, NULL);
  sig = dkim_getsignature (dkim);
  pass = status == DKIM_STAT_OK && sig != NULL && DKIM_SIG_CHECK (sig);
  dkim_free (dkim);
  return pass;
}

/* Returns a negative time when libopendkim does not verify the message
 * (a libopendkim built without Ed25519 fails those). */
static double
time_opendkim (DKIM_LIB *lib,
               GBytes   *message,
               guint     rounds)
{
  gint64 start;

  if (!opendkim_verify_once (lib, message))
    return -1;

  start = g_get_monotonic_time ();
  for (guint r = 0; r < rounds; r++)
    opendkim_verify_once (lib, message);

  return (double) (g_get_monotonic_time () - start) / rounds;
}

static void
print_figure (double us)
{
  if (us < 0)
    printf ("  %10s %9s", "(fails)", "");
  else
    printf ("  %8.1f µs %7.0f/s", us, 1e6 / us);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) cases = g_array_new (FALSE, TRUE, sizeof (Case));
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *zone_json = NULL;
  g_autofree char *opendkim_name = NULL;
  g_autofree char *dkimpy_name = NULL;
  guint32 version;
  JsonObject *root;
  JsonArray *messages;
  DKIM_LIB *lib;

  g_array_set_clear_func (cases, case_clear);
  if (!run_dkimpy (&output) || !json_parser_load_from_data (parser, output, -1, &error))
    return 1;

  root = json_node_get_object (json_parser_get_root (parser));
  zone_json = json_to_string (json_object_get_member (root, "zone"), FALSE);
  zone = kanri_zone_resolver_new_from_data (zone_json, -1, &error);
  g_assert_no_error (error);

  messages = json_object_get_array_member (root, "messages");
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *object = json_array_get_object_element (messages, i);
      gsize length;
      guchar *data = g_base64_decode (json_object_get_string_member (object, "message"), &length);
      Case c = {
        json_object_get_string_member (object, "name"),
        g_bytes_new_take (data, length),
        json_object_get_double_member (object, "dkimpy_us"),
      };

      g_array_append_val (cases, c);
    }

  lib = dkim_init (NULL, NULL);
  g_assert (lib != NULL);
  dkim_set_key_lookup (lib, opendkim_key_lookup);

  printf ("DKIM verification, one signature per message, keys from an in-memory zone\n");
  printf ("(rounds: kanri %d, libopendkim %d, dkimpy %d; the fastest of %d batches)\n\n",
          KANRI_ROUNDS, OPENDKIM_ROUNDS, DKIMPY_ROUNDS, BATCHES);
  version = dkim_libversion ();
  opendkim_name = g_strdup_printf ("libopendkim %u.%u.%u", version >> 24, (version >> 16) & 0xff,
                                   (version >> 8) & 0xff);
  dkimpy_name = g_strdup_printf ("dkimpy %s", json_object_get_string_member (root, "dkimpy"));
  printf ("%-16s %6s  %-20s  %-20s  %-20s  %-20s\n", "message", "bytes",
          "kanri", "kanri (key cached)", opendkim_name, dkimpy_name);

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = &g_array_index (cases, Case, i);
      double cold_us = G_MAXDOUBLE;
      double warm_us = G_MAXDOUBLE;
      double opendkim_us = G_MAXDOUBLE;

      for (guint b = 0; b < BATCHES; b++)
        {
          cold_us = MIN (cold_us, time_kanri_cold (c->message, KANRI_ROUNDS / BATCHES));
          warm_us = MIN (warm_us, time_kanri_warm (c->message, KANRI_ROUNDS / BATCHES));
          opendkim_us = MIN (opendkim_us, time_opendkim (lib, c->message, OPENDKIM_ROUNDS / BATCHES));
        }

      printf ("%-16s %6" G_GSIZE_FORMAT, c->name, g_bytes_get_size (c->message));
      print_figure (cold_us);
      print_figure (warm_us);
      print_figure (opendkim_us);
      print_figure (c->dkimpy_us);
      printf ("\n");

      if (g_str_has_prefix (c->name, "rsa2048"))
        printf ("%-16s %6s  kanri %s the %.0f µs target; libopendkim / kanri %.2f×, dkimpy / kanri %.1f×\n",
                "", "", cold_us <= TARGET_US ? "meets" : "misses", TARGET_US,
                opendkim_us / cold_us, c->dkimpy_us / cold_us);
    }

  dkim_close (lib);
  g_clear_object (&zone);
  return 0;
}
