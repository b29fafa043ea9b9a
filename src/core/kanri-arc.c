/* kanri-arc.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-arc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-arc.h"
#include "kanri-dkim-tags.h"

/* ARC chain validation (RFC 8617 §5.2):
 *
 *   1. the ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal
 *      fields are grouped by instance; none at all is "none";
 *   2. every set from 1 to the highest holds exactly one of each, and
 *      there are at most 50 (§4.2.1), else "fail";
 *   3. the newest ARC-Message-Signature verifies, as a DKIM signature does;
 *   4. each ARC-Seal, newest first, has a cv= that fits its place (none
 *      for i=1, pass after it; fail anywhere ends the chain, §4.1.3) and
 *      verifies over the sets up to its own (§5.1.1).
 *
 * The older message signatures are verified too: they do not decide the
 * chain, but they show which hop changed the message. */

typedef struct
{
  int results;
  int message;
  int seal;
} SetFields;

static void
arc_set_free (gpointer data)
{
  KanriArcSet *set = data;

  g_free (set->domain);
  g_free (set->selector);
  g_free (set->cv);
  kanri_dkim_verdict_free (set->message_signature);
  g_free (set->seal_detail);
  g_free (set);
}

void
kanri_arc_verdict_free (KanriArcVerdict *verdict)
{
  if (verdict == NULL)
    return;

  g_free (verdict->detail);
  g_ptr_array_unref (verdict->sets);
  g_free (verdict);
}

const char *
kanri_arc_result_to_string (KanriArcResult result)
{
  static const char *const names[] = { "none", "pass", "fail" };

  g_return_val_if_fail ((guint)result < G_N_ELEMENTS (names), NULL);

  return names[result];
}

typedef struct
{
  const char *phrase;
  const char *explanation;
} Reason;

static const Reason reasons[] = {
  { NULL, NULL },
  { "invalid instance", N_("An ARC field has no instance (i=) from 1 to 50.") },
  { "incomplete set", N_("An ARC set lacks one of its three fields.") },
  { "duplicate field", N_("An ARC set has two fields of the same kind.") },
  { "instance gap", N_("The ARC sets are not numbered 1, 2, 3… without a gap: a set was removed.") },
  { "chain marked failed", N_("A server on the way found the chain broken and sealed it with cv=fail.") },
  { "invalid cv", N_("An ARC-Seal’s cv= does not fit its place: the first must say none, every later one pass.") },
  { "message signature does not verify", N_("The newest ARC message signature does not verify: the message changed after the last server sealed it.") },
  { "seal does not verify", N_("An ARC-Seal does not verify: an ARC set was changed or forged.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (reasons) == KANRI_ARC_REASON_SEAL + 1);

/**
 * kanri_arc_reason_to_string:
 *
 * Returns: (nullable): a stable English phrase, as in the JSON report
 */
const char *
kanri_arc_reason_to_string (KanriArcReason reason)
{
  g_return_val_if_fail ((guint)reason < G_N_ELEMENTS (reasons), NULL);

  return reasons[reason].phrase;
}

/**
 * kanri_arc_reason_explain:
 *
 * Returns: (nullable): what the reason means, translated
 */
const char *
kanri_arc_reason_explain (KanriArcReason reason)
{
  g_return_val_if_fail ((guint)reason < G_N_ELEMENTS (reasons), NULL);

  return reasons[reason].explanation != NULL ? _(reasons[reason].explanation) : NULL;
}

static gboolean
fail (KanriArcVerdict *verdict,
      KanriArcReason   reason,
      guint            instance,
      const char      *detail)
{
  verdict->result = KANRI_ARC_RESULT_FAIL;
  verdict->reason = reason;
  verdict->failed_instance = instance;
  verdict->detail = g_strdup (detail);
  return FALSE;
}

/* "i=" 1*2DIGIT ";" at the start of ARC-Authentication-Results (RFC 8617
 * §4.1.1); 0 when there is none. */
static guint
results_instance (const KanriDkimField *field)
{
  const char *p = field->field + field->name_length + 1;
  const char *end = field->field + field->length;
  guint instance = 0;
  guint digits = 0;

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (end - p < 2 || p[0] != 'i' || p[1] != '=')
    return 0;
  for (p += 2; p < end && g_ascii_isdigit (*p) && digits < 3; p++, digits++)
    instance = instance * 10 + (*p - '0');
  while (p < end && g_ascii_isspace (*p))
    p++;

  return digits > 0 && digits < 3 && p < end && *p == ';' ? instance : 0;
}

/* i= of an ARC-Message-Signature or ARC-Seal; 0 when it cannot be read. */
static guint
signature_instance (const KanriDkimField *field)
{
  g_autoptr(GArray) tags = kanri_dkim_tags_parse (field->field + field->name_length + 1,
                                                  field->length - field->name_length - 1, NULL);
  const KanriDkimTag *tag = tags != NULL ? kanri_dkim_tags_find (tags, "i") : NULL;
  guint64 instance = 0;

  if (tag == NULL || !kanri_dkim_tag_parse_number (tag, 2, &instance))
    return 0;
  return (guint)instance;
}

typedef enum
{
  ARC_RESULTS,
  ARC_MESSAGE,
  ARC_SEAL,
} ArcField;

static gboolean
place (KanriArcVerdict *verdict,
       SetFields       *sets,
       ArcField         kind,
       guint            instance,
       guint            index,
       guint           *highest)
{
  int *slot;

  if (instance == 0 || instance > KANRI_ARC_MAX_INSTANCES)
    return fail (verdict, KANRI_ARC_REASON_INSTANCE, 0, NULL);

  slot = kind == ARC_RESULTS ? &sets[instance].results :
         kind == ARC_MESSAGE ? &sets[instance].message : &sets[instance].seal;
  if (*slot >= 0)
    return fail (verdict, KANRI_ARC_REASON_DUPLICATE, instance, NULL);

  *slot = (int)index;
  *highest = MAX (*highest, instance);
  return TRUE;
}

/* Steps 1 and 2. Returns the highest instance: 0 for no ARC field, or a
 * chain that failed already. */
static guint
collect (KanriArcVerdict  *verdict,
         KanriDkimMessage *message,
         SetFields        *sets)
{
  guint n_fields = kanri_dkim_message_get_n_fields (message);
  guint highest = 0;

  for (guint i = 0; i <= KANRI_ARC_MAX_INSTANCES; i++)
    sets[i] = (SetFields) { -1, -1, -1 };

  for (guint i = 0; i < n_fields; i++)
    {
      const KanriDkimField *field = kanri_dkim_message_get_field (message, i);
      gboolean ok = TRUE;

      if (kanri_dkim_field_is (field, "ARC-Authentication-Results"))
        ok = place (verdict, sets, ARC_RESULTS, results_instance (field), i, &highest);
      else if (kanri_dkim_field_is (field, "ARC-Message-Signature"))
        ok = place (verdict, sets, ARC_MESSAGE, signature_instance (field), i, &highest);
      else if (kanri_dkim_field_is (field, "ARC-Seal"))
        ok = place (verdict, sets, ARC_SEAL, signature_instance (field), i, &highest);

      if (!ok)
        return 0;
    }

  for (guint instance = 1; instance <= highest; instance++)
    {
      const SetFields *set = &sets[instance];

      if (set->results < 0 && set->message < 0 && set->seal < 0)
        {
          fail (verdict, KANRI_ARC_REASON_GAP, instance, NULL);
          return 0;
        }
      if (set->results < 0 || set->message < 0 || set->seal < 0)
        {
          fail (verdict, KANRI_ARC_REASON_INCOMPLETE, instance, NULL);
          return 0;
        }
    }

  return highest;
}

/* §5.1.1: the seal of instance i signs, for each set from 1 to i, its
 * ARC-Authentication-Results, ARC-Message-Signature and ARC-Seal, relaxed;
 * its own seal comes last, without its b= value. */
static void
verify_seal (KanriArcSet              *set,
             KanriDkimVerifier        *verifier,
             KanriDkimMessage         *message,
             const SetFields          *sets,
             const KanriDkimSignature *seal,
             GCancellable             *cancellable)
{
  guint fields[3 * KANRI_ARC_MAX_INSTANCES];
  guint n = 0;
  const KanriDkimKey *key;
  KanriDkimReason reason;
  const char *detail = NULL;

  if (seal->reason != KANRI_DKIM_REASON_NONE)
    {
      set->seal = KANRI_DKIM_RESULT_NEUTRAL;
      set->seal_reason = seal->reason;
      set->seal_detail = g_strdup (seal->detail);
      return;
    }

  key = kanri_dkim_verifier_get_key (verifier, seal, cancellable, &reason, &detail);
  if (key != NULL)
    reason = kanri_dkim_key_check (key, seal);
  if (reason != KANRI_DKIM_REASON_NONE)
    {
      set->seal = reason == KANRI_DKIM_REASON_KEY_UNAVAILABLE ? KANRI_DKIM_RESULT_TEMPERROR : KANRI_DKIM_RESULT_PERMERROR;
      set->seal_reason = reason;
      set->seal_detail = g_strdup (detail);
      return;
    }

  for (guint i = 1; i <= set->instance; i++)
    {
      fields[n++] = (guint)sets[i].results;
      fields[n++] = (guint)sets[i].message;
      if (i < set->instance)
        fields[n++] = (guint)sets[i].seal;
    }

  if (kanri_dkim_verify_fields (message, seal, (guint)sets[set->instance].seal, fields, n, key))
    set->seal = KANRI_DKIM_RESULT_PASS;
  else
    {
      set->seal = KANRI_DKIM_RESULT_FAIL;
      set->seal_reason = KANRI_DKIM_REASON_SIGNATURE;
    }
}

static KanriArcSet *
read_set (KanriDkimVerifier  *verifier,
          KanriDkimMessage   *message,
          const SetFields    *sets,
          guint               instance,
          KanriDkimSignature **seal,
          GCancellable       *cancellable)
{
  KanriArcSet *set = g_new0 (KanriArcSet, 1);

  set->instance = instance;
  *seal = kanri_dkim_signature_parse (KANRI_DKIM_SIGNATURE_ARC_SEAL,
                                      kanri_dkim_message_get_field (message, (guint)sets[instance].seal));
  set->domain = g_strdup ((*seal)->domain);
  set->selector = g_strdup ((*seal)->selector);
  set->cv = (*seal)->cv != NULL ? g_ascii_strdown ((*seal)->cv, -1) : NULL;
  set->message_signature = kanri_dkim_verifier_verify_field (verifier, message, (guint)sets[instance].message,
                                                             KANRI_DKIM_SIGNATURE_ARC_MESSAGE, cancellable);
  return set;
}

/* §4.1.3: cv=none on the first seal, cv=pass on every later one; cv=fail
 * anywhere means a server found the chain broken. */
static gboolean
check_cv (KanriArcVerdict   *verdict,
          const KanriArcSet *set)
{
  const char *expected = set->instance == 1 ? "none" : "pass";

  if (set->cv != NULL && g_str_equal (set->cv, "fail"))
    return fail (verdict, KANRI_ARC_REASON_CV_FAIL, set->instance, NULL);
  if (set->cv == NULL || !g_str_equal (set->cv, expected))
    return fail (verdict, KANRI_ARC_REASON_CV_INVALID, set->instance, NULL);

  return TRUE;
}

static void
judge (KanriArcVerdict   *verdict,
       KanriDkimVerifier *verifier,
       KanriDkimMessage  *message,
       const SetFields   *sets,
       GPtrArray         *seals,
       GCancellable      *cancellable)
{
  guint highest = verdict->sets->len;
  const KanriArcSet *newest = g_ptr_array_index (verdict->sets, highest - 1);

  if (newest->message_signature->result != KANRI_DKIM_RESULT_PASS)
    {
      fail (verdict, KANRI_ARC_REASON_MESSAGE_SIGNATURE, highest,
            kanri_dkim_reason_explain (newest->message_signature->reason));
      return;
    }

  /* The cv= values first: they need no key, and a wrong one names the
   * set that is wrong, where the seal above it would only fail to verify. */
  for (guint instance = highest; instance > 0; instance--)
    {
      if (!check_cv (verdict, g_ptr_array_index (verdict->sets, instance - 1)))
        return;
    }

  for (guint instance = highest; instance > 0; instance--)
    {
      KanriArcSet *set = g_ptr_array_index (verdict->sets, instance - 1);

      verify_seal (set, verifier, message, sets, g_ptr_array_index (seals, instance - 1), cancellable);
      if (set->seal != KANRI_DKIM_RESULT_PASS)
        {
          fail (verdict, KANRI_ARC_REASON_SEAL, instance,
                set->seal_detail != NULL ? set->seal_detail : kanri_dkim_reason_explain (set->seal_reason));
          return;
        }
    }

  verdict->result = KANRI_ARC_RESULT_PASS;
}

/**
 * kanri_arc_validate:
 * @verifier: gives the keys and the time
 * @message: a message with its body
 *
 * Validates the ARC chain of @message. Blocks on DNS, like
 * kanri_dkim_verifier_verify().
 *
 * Returns: (transfer full): the chain's status
 */
KanriArcVerdict *
kanri_arc_validate (KanriDkimVerifier *verifier,
                    KanriDkimMessage  *message,
                    GCancellable      *cancellable)
{
  KanriArcVerdict *verdict = g_new0 (KanriArcVerdict, 1);
  g_autoptr(GPtrArray) seals = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_dkim_signature_free);
  SetFields sets[KANRI_ARC_MAX_INSTANCES + 1];
  guint highest;

  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (verifier), NULL);
  g_return_val_if_fail (kanri_dkim_message_has_body (message), NULL);

  verdict->sets = g_ptr_array_new_with_free_func (arc_set_free);
  highest = collect (verdict, message, sets);
  if (highest == 0)
    return verdict;

  for (guint instance = 1; instance <= highest; instance++)
    {
      KanriDkimSignature *seal = NULL;

      g_ptr_array_add (verdict->sets, read_set (verifier, message, sets, instance, &seal, cancellable));
      g_ptr_array_add (seals, seal);
    }

  judge (verdict, verifier, message, sets, seals, cancellable);
  return verdict;
}
