/* kanri-signature-check-text.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-signature-check-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kanri-signature-check.h"

/* The signatures as plain text, for `kanri-cli verify`, the analyze text
 * report and "Copy as text". */

/* A sentence after another: English puts a space between them, Japanese
 * none. */
static void
append_sentence (GString    *out,
                 const char *sentence)
{
  /* TRANSLATORS: a sentence that follows another in a verdict; keep the
   * %s, and the space before it only where your language puts one */
  g_string_append_printf (out, C_("sentences", " %s"), sentence);
}

/**
 * kanri_dkim_verdict_describe:
 *
 * Returns: (transfer full): the verdict in a sentence or two, translated
 */
char *
kanri_dkim_verdict_describe (const KanriDkimVerdict *verdict)
{
  GString *out = g_string_new (NULL);

  if (verdict->result == KANRI_DKIM_RESULT_PASS)
    g_string_append (out, _("The signature verifies: the signed header fields and the body are as they were signed."));
  else
    g_string_append (out, kanri_dkim_reason_explain (verdict->reason));

  if (verdict->result != KANRI_DKIM_RESULT_PASS && verdict->reason != KANRI_DKIM_REASON_BODY_HASH &&
      verdict->reason != KANRI_DKIM_REASON_BODY_TRUNCATED)
    {
      if (verdict->body_hash == KANRI_DKIM_BODY_HASH_MATCH)
        append_sentence (out, _("The body hash matches: the body is as it was signed."));
      else if (verdict->body_hash == KANRI_DKIM_BODY_HASH_MISMATCH)
        append_sentence (out, _("The body hash does not match either: the body was changed too."));
    }

  if ((verdict->reason == KANRI_DKIM_REASON_BODY_HASH || verdict->reason == KANRI_DKIM_REASON_BODY_TRUNCATED) &&
      verdict->headers_changed)
    append_sentence (out, _("The signed header fields were changed too."));

  if (verdict->appended > 0)
    append_sentence (out, _("Content follows the signed length (l=) that nobody signed, and may have been added on the way."));

  if (verdict->testing)
    append_sentence (out, _("The domain is testing DKIM (t=y): its result must not count."));

  return g_string_free (out, FALSE);
}

static void
indent_line (GString *out,
             guint    indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

static void
append_verdict (GString                *out,
                const KanriDkimVerdict *verdict,
                guint                   number,
                guint                   indent)
{
  g_autofree char *description = kanri_dkim_verdict_describe (verdict);

  indent_line (out, indent);
  /* TRANSLATORS: a DKIM signature's number, d=, s=, a= and its result */
  g_string_append_printf (out, _("Signature %u: d=%s s=%s a=%s: %s"), number,
                          verdict->domain != NULL ? verdict->domain : "?",
                          verdict->selector != NULL ? verdict->selector : "?",
                          verdict->algorithm != NULL ? verdict->algorithm : "?",
                          kanri_dkim_result_to_string (verdict->result));
  if (verdict->reason != KANRI_DKIM_REASON_NONE)
    g_string_append_printf (out, " (%s)", kanri_dkim_reason_to_string (verdict->reason));
  g_string_append_c (out, '\n');

  indent_line (out, indent + 1);
  g_string_append_printf (out, "%s\n", description);
  if (verdict->detail != NULL)
    {
      indent_line (out, indent + 1);
      g_string_append_printf (out, "%s\n", verdict->detail);
    }
}

static void
append_arc (GString               *out,
            const KanriArcVerdict *arc,
            guint                  indent)
{
  indent_line (out, indent);
  if (arc->result == KANRI_ARC_RESULT_NONE)
    {
      g_string_append_printf (out, "%s\n", _("ARC: none (no ARC sets)"));
      return;
    }

  if (arc->result == KANRI_ARC_RESULT_PASS)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "ARC: pass (%u set)\n", "ARC: pass (%u sets)\n", arc->sets->len),
                            arc->sets->len);
  else if (arc->failed_instance > 0)
    g_string_append_printf (out, _("ARC: fail at set %u (%s)\n"), arc->failed_instance,
                            kanri_arc_reason_to_string (arc->reason));
  else
    g_string_append_printf (out, _("ARC: fail (%s)\n"), kanri_arc_reason_to_string (arc->reason));

  if (arc->result == KANRI_ARC_RESULT_FAIL)
    {
      indent_line (out, indent + 1);
      g_string_append_printf (out, "%s\n", kanri_arc_reason_explain (arc->reason));
    }

  for (guint i = 0; i < arc->sets->len; i++)
    {
      const KanriArcSet *set = g_ptr_array_index (arc->sets, i);

      indent_line (out, indent + 1);
      /* TRANSLATORS: an ARC set's number, its sealer's d= and s=, cv=, and
       * the results of its message signature and seal */
      g_string_append_printf (out, _("Set %u: d=%s s=%s cv=%s, message signature %s, seal %s\n"),
                              set->instance, set->domain != NULL ? set->domain : "?",
                              set->selector != NULL ? set->selector : "?", set->cv != NULL ? set->cv : "?",
                              kanri_dkim_result_to_string (set->message_signature->result),
                              set->seal != KANRI_DKIM_RESULT_NONE ? kanri_dkim_result_to_string (set->seal) : _("not checked"));
    }
}

/**
 * kanri_signature_check_append_text:
 * @indent: the indentation of the lines, in steps of two spaces
 */
void
kanri_signature_check_append_text (const KanriSignatureCheck *check,
                                   GString                   *out,
                                   guint                      indent)
{
  if (check->status != KANRI_SIGNATURES_VERIFIED)
    {
      indent_line (out, indent);
      g_string_append_printf (out, "%s\n", check->message);
      return;
    }

  if (check->signatures->len == 0)
    {
      indent_line (out, indent);
      g_string_append_printf (out, "%s\n", _("No DKIM signature: dkim=none"));
    }
  for (guint i = 0; i < check->signatures->len; i++)
    append_verdict (out, g_ptr_array_index (check->signatures, i), i + 1, indent);

  if (check->n_unverified > 0)
    {
      indent_line (out, indent);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u more signature was not verified: Kanri verifies at most %u.\n",
                                             "%u more signatures were not verified: Kanri verifies at most %u.\n",
                                             check->n_unverified),
                              check->n_unverified, KANRI_DKIM_MAX_SIGNATURES);
    }

  append_arc (out, check->arc, indent);
}
