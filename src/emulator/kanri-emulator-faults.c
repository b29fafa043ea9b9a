/* kanri-emulator-faults.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-emulator-faults"

#include "config.h"

#include <string.h>

#include "kanri-emulator-private.h"

/* Faults on demand: `KIND[,key=value…]`, e.g. `429,retry-after=2,count=1`,
 * `drop,nth=3`, `rate,per-second=5`, `slow,ms=300,cmdlet=Get-Mailbox`.
 * Kinds: 429 (throttle), 503 (unavailable), 504 (gateway-timeout), slow,
 * drop (before the cmdlet runs), drop-after (after it ran), truncate,
 * malformed, rate, transient, gzip-lie, 401 (unauthorized), 403 (refused:
 * the admin holds no role that has the cmdlet, as the service answers it,
 * e.g. `403,cmdlet=Get-MailboxAuditBypassAssociation`), and
 * role-delay,seconds=N: a state, not an answer, as the real service takes
 * a while to apply a new role assignment (a role assigned less than N
 * seconds ago grants nothing yet); redirect (or 301, 302, 303, 307, 308),
 * with status=N and location=URL (default: the emulator's /moved, which
 * answers anything with an empty page, as another host might). Options
 * for every other kind:
 * cmdlet=NAME, nth=N (only the Nth matching request), count=N (at most
 * N times). */

struct _EmuFault
{
  EmuFaultKind  kind;
  char         *spec;
  guint         value;
  char         *text;
  char         *cmdlet;
  guint         nth;
  gint          remaining;
  guint         seen;
  gint64        window;
  guint         in_window;
};

static const struct
{
  const char   *name;
  EmuFaultKind  kind;
  guint         value;
} kinds[] = {
  { "429", EMU_FAULT_THROTTLE, 1 },
  { "throttle", EMU_FAULT_THROTTLE, 1 },
  { "503", EMU_FAULT_UNAVAILABLE, 0 },
  { "unavailable", EMU_FAULT_UNAVAILABLE, 0 },
  { "504", EMU_FAULT_GATEWAY_TIMEOUT, 0 },
  { "gateway-timeout", EMU_FAULT_GATEWAY_TIMEOUT, 0 },
  { "slow", EMU_FAULT_SLOW, 2000 },
  { "drop", EMU_FAULT_DROP, 0 },
  { "drop-after", EMU_FAULT_DROP_AFTER, 0 },
  { "truncate", EMU_FAULT_TRUNCATE, 0 },
  { "malformed", EMU_FAULT_MALFORMED, 0 },
  { "rate", EMU_FAULT_RATE, 0 },
  { "transient", EMU_FAULT_TRANSIENT, 0 },
  { "gzip-lie", EMU_FAULT_GZIP_LIE, 0 },
  { "401", EMU_FAULT_UNAUTHORIZED, 0 },
  { "unauthorized", EMU_FAULT_UNAUTHORIZED, 0 },
  { "403", EMU_FAULT_REFUSED, 0 },
  { "refused", EMU_FAULT_REFUSED, 0 },
  { "role-delay", EMU_FAULT_ROLE_DELAY, 60 },
  { "redirect", EMU_FAULT_REDIRECT, 302 },
  { "301", EMU_FAULT_REDIRECT, 301 },
  { "302", EMU_FAULT_REDIRECT, 302 },
  { "303", EMU_FAULT_REDIRECT, 303 },
  { "307", EMU_FAULT_REDIRECT, 307 },
  { "308", EMU_FAULT_REDIRECT, 308 },
};

static gboolean
is_redirect_status (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

void
emu_fault_free (EmuFault *fault)
{
  if (fault == NULL)
    return;

  g_free (fault->spec);
  g_free (fault->text);
  g_free (fault->cmdlet);
  g_free (fault);
}

static gboolean
invalid (GError     **error,
         const char  *spec,
         const char  *why)
{
  g_set_error (error, KANRI_EMULATOR_ERROR, KANRI_EMULATOR_ERROR_INVALID_FAULT,
               "Invalid fault “%s”: %s", spec, why);
  return FALSE;
}

static gboolean
parse_number (const char *text,
              guint       min,
              guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, min, G_MAXINT32, &value, NULL))
    return FALSE;

  *out = (guint)value;
  return TRUE;
}

EmuFault *
emu_fault_parse (const char  *spec,
                 GError     **error)
{
  g_autoptr(EmuFault) fault = g_new0 (EmuFault, 1);
  g_auto(GStrv) parts = NULL;
  gboolean known = FALSE;

  if (spec == NULL || *spec == '\0')
    {
      invalid (error, "", "empty");
      return NULL;
    }

  parts = g_strsplit (spec, ",", -1);
  fault->spec = g_strdup (spec);
  fault->remaining = -1;
  fault->window = -1;

  for (guint i = 0; i < G_N_ELEMENTS (kinds) && !known; i++)
    {
      if (g_ascii_strcasecmp (parts[0], kinds[i].name) == 0)
        {
          fault->kind = kinds[i].kind;
          fault->value = kinds[i].value;
          known = TRUE;
        }
    }

  if (!known)
    {
      invalid (error, spec, "unknown kind (429, 503, 504, slow, drop, drop-after, truncate, malformed, "
                            "rate, transient, gzip-lie, 401, 403, role-delay, redirect, 301, 302, 303, 307, 308)");
      return NULL;
    }

  if (fault->kind == EMU_FAULT_TRANSIENT)
    fault->text = g_strdup ("DCOverloadedException");

  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');
      const char *key = parts[i];
      const char *value;
      gboolean ok = FALSE;

      if (equals == NULL)
        {
          invalid (error, spec, "options are key=value");
          return NULL;
        }
      *equals = '\0';
      value = equals + 1;

      if (g_str_equal (key, "cmdlet") && *value != '\0')
        {
          g_free (fault->cmdlet);
          fault->cmdlet = g_strdup (value);
          ok = TRUE;
        }
      else if (g_str_equal (key, "nth"))
        ok = parse_number (value, 1, &fault->nth);
      else if (g_str_equal (key, "count"))
        {
          guint count = 0;

          ok = parse_number (value, 1, &count);
          fault->remaining = (gint)count;
        }
      else if (g_str_equal (key, "retry-after") && fault->kind == EMU_FAULT_THROTTLE)
        ok = parse_number (value, 0, &fault->value);
      else if (g_str_equal (key, "retry-date") && fault->kind == EMU_FAULT_THROTTLE)
        {
          /* Retry-After as an HTTP date, N seconds from the reply. */
          g_free (fault->text);
          fault->text = g_strdup ("date");
          ok = parse_number (value, 0, &fault->value);
        }
      else if (g_str_equal (key, "ms") && fault->kind == EMU_FAULT_SLOW)
        ok = parse_number (value, 0, &fault->value);
      else if (g_str_equal (key, "seconds") && fault->kind == EMU_FAULT_ROLE_DELAY)
        ok = parse_number (value, 0, &fault->value);
      else if (g_str_equal (key, "per-second") && fault->kind == EMU_FAULT_RATE)
        ok = parse_number (value, 1, &fault->value);
      else if (g_str_equal (key, "status") && fault->kind == EMU_FAULT_REDIRECT)
        ok = parse_number (value, 300, &fault->value) && is_redirect_status (fault->value);
      else if (g_str_equal (key, "location") && fault->kind == EMU_FAULT_REDIRECT && *value != '\0')
        {
          g_free (fault->text);
          fault->text = g_strdup (value);
          ok = TRUE;
        }
      else if (g_str_equal (key, "type") && fault->kind == EMU_FAULT_TRANSIENT && *value != '\0')
        {
          g_free (fault->text);
          fault->text = g_strdup (value);
          ok = TRUE;
        }

      if (!ok)
        {
          g_autofree char *why = g_strdup_printf ("bad option “%s”", key);
          invalid (error, spec, why);
          return NULL;
        }
    }

  if (fault->kind == EMU_FAULT_RATE && fault->value == 0)
    {
      invalid (error, spec, "rate needs per-second=N");
      return NULL;
    }

  return g_steal_pointer (&fault);
}

EmuFaultKind
emu_fault_get_kind (EmuFault *fault)
{
  return fault->kind;
}

guint
emu_fault_get_value (EmuFault *fault)
{
  return fault->value;
}

const char *
emu_fault_get_text (EmuFault *fault)
{
  return fault->text;
}

const char *
emu_fault_get_spec (EmuFault *fault)
{
  return fault->spec;
}

/* How many more requests the current second allows (Rate-Limit-Remaining). */
guint
emu_fault_rate_remaining (EmuFault *fault)
{
  return fault->in_window >= fault->value ? 0 : fault->value - fault->in_window;
}

/**
 * emu_fault_matches:
 *
 * Counts the request and says whether the fault strikes it.
 */
gboolean
emu_fault_matches (EmuFault   *fault,
                   const char *cmdlet,
                   gint64      now_us)
{
  /* A state of the tenant, never an answer of its own. */
  if (fault->kind == EMU_FAULT_ROLE_DELAY)
    return FALSE;

  if (fault->cmdlet != NULL && (cmdlet == NULL || g_ascii_strcasecmp (fault->cmdlet, cmdlet) != 0))
    return FALSE;

  fault->seen++;
  if (fault->nth != 0 && fault->seen != fault->nth)
    return FALSE;
  if (fault->remaining == 0)
    return FALSE;

  if (fault->kind == EMU_FAULT_RATE)
    {
      gint64 window = now_us / G_USEC_PER_SEC;

      if (window != fault->window)
        {
          fault->window = window;
          fault->in_window = 0;
        }
      if (++fault->in_window <= fault->value)
        return FALSE;
    }

  if (fault->remaining > 0)
    fault->remaining--;

  return TRUE;
}
