/* kanri-worst-case.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-header-block.h"
#include "kanri-message-file.h"
#include "kanri-worst-case.h"

/* Each shape is a prefix, one short part repeated as often as the cap
 * allows, and a suffix. Header sections are bounded by the header block's
 * 4 MB; pasted text is cleaned before that limit applies, so a paste whose
 * cleaned form is small is bounded by the input's 25 MB. */

static void
hop_with_address (GString *out,
                  guint    index)
{
  /* The shortest Received field with a sender address. */
  g_string_append (out, "Received:from ::\n");
}

static void
hop_in_relay_pool (GString *out,
                   guint    index)
{
  /* Every address of 40.95.0.0/16 in turn: a finding lists each once. */
  g_string_append_printf (out, "Received:from [40.95.%u.%u]\n", (index >> 8) & 0xff, index & 0xff);
}

static void
hop_without_time (GString *out,
                  guint    index)
{
  /* A finding per hop: its time cannot be read. */
  g_string_append (out, "Received:;1\n");
}

static void
hop_with_skew (GString *out,
               guint    index)
{
  /* Every other hop is stamped a second before the one it follows. */
  g_string_append_printf (out, "Received:;1 Jan 2024 00:00:0%u Z\n", index & 1);
}

static void
empty_field (GString *out,
             guint    index)
{
  g_string_append (out, "X:\n");
}

static void
antispam_field (GString *out,
                guint    index)
{
  g_string_append (out, "A:1;");
}

static void
dkim_result (GString *out,
             guint    index)
{
  g_string_append (out, "dkim=fail header.d=a;");
}

static void
received_word (GString *out,
               guint    index)
{
  g_string_append (out, " 1");
}

static void
fold (GString *out,
      guint    index)
{
  g_string_append (out, " a\n");
}

static void
carriage_return (GString *out,
                 guint    index)
{
  g_string_append_c (out, '\r');
}

static void
prose_line (GString *out,
            guint    index)
{
  g_string_append (out, "a\n");
}

static void
quoted_field (GString *out,
              guint    index)
{
  g_string_append (out, "> X-A: b\n");
}

static const KanriWorstCase cases[] = {
  { "hops-address", "the most hops, each with a sender address",
    "", "\n", hop_with_address, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "hops-relay-pool", "the most hops from distinct relay pool addresses",
    "", "\n", hop_in_relay_pool, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "hops-no-time", "the most hops, each with a finding (time unreadable)",
    "", "\n", hop_without_time, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "hops-clock-skew", "the most hops with a clock skew finding every other hop",
    "", "\n", hop_with_skew, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "ndr-original-hops", "a non-delivery report returning the most hops",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
    "Subject: Undeliverable\n\n--b\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; a.example\n\nFinal-Recipient: rfc822; a@a.example\n"
    "Action: failed\nStatus: 5.4.316\n\n--b\nContent-Type: text/rfc822-headers\n\n",
    "\n--b--\n", hop_with_address, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "fields", "the most header fields",
    "", "\n", empty_field, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "antispam-fields", "one anti-spam header with the most fields",
    "X-Forefront-Antispam-Report: ", "\n\n", antispam_field, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "dkim-results", "one Authentication-Results with the most DKIM results",
    "Authentication-Results: ", "\n\n", dkim_result, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "received-words", "one Received field of the most words, without a \";\"",
    "Received: from", "\n\n", received_word, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "folded-field", "one field folded over the most lines",
    "Subject: a\n", "\n", fold, KANRI_HEADER_BLOCK_MAX_SIZE },
  { "pasted-line-ends", "pasted text ending in the longest run of lone CRs",
    "Subject: a\r", "", carriage_return, KANRI_MESSAGE_FILE_MAX_SIZE },
  { "pasted-prose", "pasted text with the most lines of prose before the headers",
    "", "Subject: a\n\n", prose_line, KANRI_MESSAGE_FILE_MAX_SIZE },
  { "pasted-quoted", "quoted pasted headers with the most fields",
    "> Subject: a\n", ">\n", quoted_field, KANRI_HEADER_BLOCK_MAX_SIZE },
};

const KanriWorstCase *
kanri_worst_case_get_all (guint *n_cases)
{
  *n_cases = G_N_ELEMENTS (cases);
  return cases;
}

const KanriWorstCase *
kanri_worst_case_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (g_str_equal (cases[i].name, name))
        return &cases[i];
    }

  return NULL;
}

/**
 * kanri_worst_case_build:
 * @max_bytes: the size to fill, at most @worst's cap; 0 for the cap
 * @n_units: (out) (optional): how many times the part was repeated
 *
 * Returns: (transfer full): the input, as long as @max_bytes allows
 */
GString *
kanri_worst_case_build (const KanriWorstCase *worst,
                        gsize                 max_bytes,
                        guint                *n_units)
{
  gsize budget = max_bytes == 0 ? worst->cap : MIN (max_bytes, worst->cap);
  gsize suffix = strlen (worst->suffix);
  GString *out = g_string_sized_new (budget);
  g_autoptr(GString) unit = g_string_new (NULL);
  guint n = 0;

  g_string_append (out, worst->prefix);
  for (;;)
    {
      g_string_truncate (unit, 0);
      worst->append_unit (unit, n);
      if (out->len + unit->len + suffix > budget)
        break;
      g_string_append_len (out, unit->str, unit->len);
      n++;
    }
  g_string_append (out, worst->suffix);

  if (n_units != NULL)
    *n_units = n;
  return out;
}
