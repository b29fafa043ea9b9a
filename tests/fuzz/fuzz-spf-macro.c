/* fuzz-spf-macro.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-spf-macro.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* 192.0.2.3 and 2001:db8::cb01 */
static const guint8 ipv4[4] = { 192, 0, 2, 3 };
static const guint8 ipv6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xcb, 0x01 };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static const char *
validated_name (gpointer user_data)
{
  return "mx.example.com";
}

/* The first byte picks the mode and the address family; the rest is the
 * macro-string. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  KanriSpfMacroContext context = {
    .sender = "strong-bad@email.example.com",
    .local_part = "strong-bad",
    .sender_domain = "email.example.com",
    .domain = "email.example.com",
    .helo = "mx.example.org",
    .timestamp = 1700000000,
    .validated_name = validated_name,
  };
  g_autofree char *spec = NULL;
  g_autofree char *expanded = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GError) error = NULL;
  KanriSpfMacroMode mode;
  gboolean valid;

  if (size < 1)
    return 0;

  mode = data[0] % 3;
  context.ipv6 = (data[0] & 0x80) != 0;
  context.ip = context.ipv6 ? ipv6 : ipv4;
  spec = g_strndup ((const char *) data + 1, size - 1);

  valid = kanri_spf_macro_check ((const char *) data + 1, size - 1, mode, &check_error);
  expanded = kanri_spf_macro_expand (spec, &context, mode, &error);

  /* Checking and expanding must agree on what is valid. */
  if (strlen (spec) == size - 1)
    g_assert (valid == (expanded != NULL) ||
              g_error_matches (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_TOO_LONG));
  if (expanded != NULL)
    g_assert (strlen (expanded) <= KANRI_SPF_MACRO_MAX_OUTPUT);

  return 0;
}
