/* kanri-ndr.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-ndr"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-ndr.h"

/* Non-delivery report codes. Facts from Microsoft Learn "Email non-delivery
 * reports and SMTP errors in Exchange Online" and the "Fix email delivery
 * issues for error code …" pages it links, RFC 3463 (the classes and
 * subjects), and the admin's notes for 4.4.316 and 5.4.316; the wording is
 * ours. */

struct _KanriNdrCode
{
  const char *first;
  const char *last;
  const char *range;
  const char *title;
  const char *meaning;
  const char *cause;
  const char *fix;
};

G_DEFINE_QUARK (kanri-ndr-error-quark, kanri_ndr_error)

static const KanriNdrCode codes[] = {
  {
    "4.4.316", "4.4.316", "4.4.316",
    N_("Connection refused"),
    N_("Exchange Online could not connect to the destination mail server: the connection was refused (socket error 10061). The message waits in the delay queue and is retried."),
    N_("The destination server is down or not listening on port 25, a firewall in front of it blocks Microsoft 365’s IP addresses, or an outbound connector still points at an old on-premises server after a migration."),
    N_("Check that the destination server is running and accepts SMTP on port 25; allow the Exchange Online Protection IP ranges through its firewall; check the smart hosts of your outbound connectors and the recipient domain’s MX record. Retries continue until the message expires (MessageExpiration, 24 hours by default)."),
  },
  {
    "5.4.316", "5.4.316", "5.4.316",
    N_("Message expired, connection refused"),
    N_("The message expired in Exchange Online’s queue: every retry to connect to the destination server was refused, so the sender received this non-delivery report."),
    N_("The same as 4.4.316, lasting until the message expired: the destination server was down, a firewall blocked Microsoft 365, or an outbound connector points at a server that no longer exists."),
    N_("Fix the connection problem as for 4.4.316, then ask the sender to send the message again: an expired message is not retried."),
  },
  {
    "4.4.7", "4.4.7", "4.4.7",
    N_("Message expired"),
    N_("The message stayed in the queue until it expired: delivery or relay was not completed before the expiration time. It can also mean a header limit of the remote server was reached or another protocol timeout occurred."),
    N_("Usually a problem on the receiving server: it is unreachable, too slow or refuses the recipient."),
    N_("Check the recipient address and that the receiving server accepts mail; reduce the number of recipients for that server if needed. Sending the message again queues it again."),
  },
  {
    "5.4.300", "5.4.300", "5.4.300",
    N_("Message expired"),
    N_("The message could not be delivered before it expired in the queue."),
    N_("Delivery kept failing with temporary errors, for example an unreachable or slow destination server or DNS problems, until the expiration time."),
    N_("Look for the last temporary error in the message trace, fix it, then send the message again."),
  },
  {
    "4.3.2", "4.3.2", "4.3.2",
    N_("Recipient thread limit exceeded"),
    N_("The recipient’s mailbox is receiving too many messages too quickly, and Exchange Online throttles its deliveries (STOREDRV.Deliver; recipient thread limit exceeded)."),
    N_("A burst of messages to one mailbox, such as a mailing or a mail loop, so that one recipient does not slow down the others on the same mailbox database."),
    N_("Nothing, usually: the message stays queued and is delivered when the burst ends. If it keeps happening, look for a loop or a sender flooding the mailbox."),
  },
  {
    "4.5.3", "4.5.3", "4.5.3",
    N_("Too many recipients"),
    N_("The message has more than 200 envelope recipients in the same domain."),
    N_("A server sent one message with too many RCPT TO recipients for one domain."),
    N_("The sending server must split the recipients into smaller batches and send again."),
  },
  {
    "5.1.1", "5.1.1", "5.1.1",
    N_("Bad destination mailbox address"),
    N_("The recipient’s address does not exist at the destination."),
    N_("A typo in the address, a deleted mailbox, or, for internal recipients after a migration, an outdated Outlook auto-complete entry that points at an old legacyExchangeDN."),
    N_("Check the address and send again; remove the recipient from Outlook’s auto-complete list. For a migrated mailbox, add its old legacyExchangeDN as an X500 proxy address."),
  },
  {
    "5.1.10", "5.1.10", "5.1.10",
    N_("Recipient not found"),
    N_("The recipient’s SMTP address was not found in the recipient’s mail system."),
    N_("The address does not exist or was removed. With Directory-Based Edge Blocking, Exchange Online rejects addresses its directory does not know."),
    N_("Check the address. For a recipient in your organization, make sure the mailbox or mail user exists and has this address as a proxy address, and that directory synchronization has run."),
  },
  {
    "5.1.8", "5.1.8", "5.1.8",
    N_("Access denied, bad outbound sender"),
    N_("The sender’s account is blocked from sending because it sent mail that was considered spam."),
    N_("The account was probably compromised, or it sent bulk mail that the outbound spam policy treated as spam; it is now a restricted entity."),
    N_("Secure the account (reset the password, require MFA, check inbox rules and forwarding), then release it from Restricted entities in the Microsoft 365 Defender portal."),
  },
  {
    "5.1.90", "5.1.90", "5.1.90",
    N_("Daily recipient limit reached"),
    N_("The sender reached the daily limit of recipients and cannot send for now."),
    N_("The account sent to more recipients than Exchange Online allows per day (the recipient rate limit), in a mass mailing or because the account is compromised."),
    N_("Wait until the 24-hour window has passed; use a bulk mail service for mass mailings; check the account for compromise if the volume is unexpected."),
  },
  {
    "5.2.2", "5.2.2", "5.2.2",
    N_("Mailbox full or submission quota exceeded"),
    N_("Either the recipient’s mailbox is full, or, in Exchange Online, the sender exceeded the recipient or message rate limit (submission quota exceeded)."),
    N_("The recipient’s mailbox reached its quota, or the sender sent too many messages or to too many recipients in a short time."),
    N_("The recipient frees space, or an admin raises the quota or enables the archive mailbox. For a submission quota, wait and send more slowly."),
  },
  {
    "5.4.1", "5.4.1", "5.4.1",
    N_("Recipient address rejected: access denied"),
    N_("The receiving server refused to accept mail for the recipient."),
    N_("For a domain hosted in Exchange Online: the recipient does not exist (Directory-Based Edge Blocking), or the domain is not an accepted domain of the tenant the MX record leads to."),
    N_("Check the recipient address, that the domain is an accepted domain of the right type (Get-AcceptedDomain), and the domain’s MX record."),
  },
  {
    "5.4.6", "5.4.6", "5.4.6",
    N_("Routing loop detected"),
    N_("The message went around in a loop between servers and was stopped."),
    N_("A configuration error: two mailboxes or systems forwarding to each other, an Internal Relay accepted domain whose mail comes back, or connectors on both sides pointing at each other."),
    N_("Check mailbox forwarding and inbox rules, the accepted domain type and the connectors on both sides."),
  },
  {
    "5.4.14", "5.4.14", "5.4.14",
    N_("Hop count exceeded"),
    N_("The message passed through too many servers and was stopped, usually because of a mail loop."),
    N_("Forwarding or connector settings send the message back and forth between servers."),
    N_("Check mailbox forwarding, inbox rules, the accepted domain type and the connectors on both sides."),
  },
  {
    "5.7.1", "5.7.1", "5.7.1",
    N_("Delivery not authorized, message refused"),
    N_("The sender is not allowed to send to this recipient."),
    N_("The recipient is a group or mailbox that accepts mail only from certain senders, a moderator rejected the message, a mail flow rule rejected it, or the receiving server refused it as spam."),
    N_("Read the text after the code, which usually names the restriction. Ask the recipient’s admin to allow the sender, or change the group’s delivery restrictions."),
  },
  {
    "5.7.12", "5.7.12", "5.7.12",
    N_("Sender was not authenticated by organization"),
    N_("The recipient accepts mail only from senders inside its own organization."),
    N_("The group or mailbox requires authenticated senders (RequireSenderAuthenticationEnabled is $true) and the sender is external."),
    N_("The recipient’s admin allows external senders, for example with Set-DistributionGroup -RequireSenderAuthenticationEnabled $false."),
  },
  {
    "5.7.23", "5.7.23", "5.7.23",
    N_("Rejected for an SPF violation"),
    N_("The receiving server rejected the message because it failed SPF."),
    N_("The sending IP address is not in the SPF record of the sender’s domain: mail is sent through a server or service never added to it, or it was forwarded."),
    N_("The sender’s domain admin adds every sending server and service to the SPF record (for Microsoft 365, include:spf.protection.outlook.com)."),
  },
  {
    "5.7.57", "5.7.57", "5.7.57",
    N_("Client was not authenticated to send anonymous mail"),
    N_("A device or application tried to send through smtp.office365.com without signing in."),
    N_("SMTP client submission is set up without credentials, with the wrong port or TLS setting, or SMTP AUTH is turned off for the mailbox."),
    N_("Set the device to smtp.office365.com, port 587, STARTTLS, with the mailbox’s credentials, and turn SMTP AUTH on for that mailbox; or use direct send or a connector instead."),
  },
  {
    "5.7.64", "5.7.64", "5.7.64",
    N_("TenantAttribution; relay access denied"),
    N_("Exchange Online refused to relay mail from your on-premises or partner server: the connection matched none of your inbound connectors."),
    N_("The server’s public IP address or certificate does not match the inbound connector (SenderIPAddresses or TlsSenderCertificateName), for example after an IP address change."),
    N_("Update the inbound connector with the server’s current public IP address or certificate name (Set-InboundConnector)."),
  },
  {
    "5.7.509", "5.7.509", "5.7.509",
    N_("Access denied, sending domain does not pass DMARC"),
    N_("The message was rejected because it failed DMARC and the sender’s domain publishes the policy p=reject."),
    N_("SPF and DKIM did not pass for a domain aligned with the From address. A common cause is a gateway or relay in front of Exchange Online: SPF is then judged on the relay’s IP address."),
    N_("The sender’s domain admin fixes SPF and DKIM for every sending path. If your own relay sits in front of Exchange Online, turn on enhanced filtering for its inbound connector so that Exchange Online evaluates the original sender’s IP address."),
  },
  {
    "5.7.703", "5.7.703", "5.7.703",
    N_("Blocked by the Tenant Allow/Block List"),
    N_("Your organization blocks this recipient or domain in the Tenant Allow/Block List. When one recipient of a message is blocked, the message is blocked for all its recipients."),
    N_("A block entry in the Tenant Allow/Block List matches the recipient’s address or domain."),
    N_("An admin of your organization removes or changes the block entry if it is wrong."),
  },
  {
    "5.7.750", "5.7.750", "5.7.750",
    N_("Client blocked from sending from unregistered domains"),
    N_("Exchange Online blocked mail relayed through your tenant from sender domains that are not accepted domains of the tenant."),
    N_("An on-premises server or application relays mail through a connector with sender domains the tenant has not registered and verified."),
    N_("Add and verify those sender domains as accepted domains, or stop relaying mail for domains you do not own."),
  },
  {
    "5.7.501", "5.7.503", "5.7.501–5.7.503",
    N_("Access denied, spam abuse detected"),
    N_("Exchange Online banned the sending account because it detected spam sent from it."),
    N_("The account or the tenant sent spam, usually after a compromise."),
    N_("Secure the account (password reset, MFA, check rules, forwarding and connectors), then contact Microsoft support to restore its ability to send."),
  },
  {
    "5.7.606", "5.7.649", "5.7.606–5.7.649",
    N_("Access denied, banned sending IP"),
    N_("Microsoft 365 blocks the IP address the message was sent from."),
    N_("The sending IP address has a poor reputation with Microsoft, for example because it sent spam."),
    N_("Make sure the sending server is not compromised and is not an open relay, then request removal in the delist portal (https://sender.office.com)."),
  },
  {
    "5.7.700", "5.7.750", "5.7.700–5.7.750",
    N_("Access denied, tenant has exceeded threshold"),
    N_("Exchange Online blocked outgoing mail for the whole tenant."),
    N_("Most mail the tenant sent recently was detected as suspicious: a compromised account, a compromised on-premises server relaying through Exchange Online, or connectors created by an attacker. A renewed, previously expired subscription can also be blocked for up to a day."),
    N_("Find and fix the cause, then contact Microsoft support to have the block removed."),
  },
  {
    "4.7.500", "4.7.699", "4.7.500–4.7.699",
    N_("Access denied, please try again later"),
    N_("Exchange Online temporarily restricted the sending IP address."),
    N_("Suspicious activity was detected from the IP address, which is restricted while it is evaluated."),
    N_("Nothing, if the mail is legitimate: the sending server retries and the restriction is lifted shortly. If it persists, check the sending server for compromise."),
  },
};

/* RFC 3463 §3: the subject (second number) of any code not in the table. */
static const KanriNdrCode subjects[] = {
  {
    "0", "0", "X.0.X",
    N_("Other or undefined status"),
    N_("The code does not say which part of delivery failed."),
    N_("The code is not in Kanri’s table; the text after it usually explains more."),
    N_("Read the text after the code and look the message up in the message trace."),
  },
  {
    "1", "1", "X.1.X",
    N_("Addressing problem"),
    N_("A problem with the sender’s or the recipient’s address."),
    N_("The code is not in Kanri’s table. Addresses that do not exist or are mistyped are the usual cause."),
    N_("Check the addresses, then read the text after the code."),
  },
  {
    "2", "2", "X.2.X",
    N_("Mailbox problem"),
    N_("A problem with the recipient’s mailbox: full, disabled, or not accepting mail."),
    N_("The code is not in Kanri’s table. A full or disabled mailbox is the usual cause."),
    N_("Ask the recipient or their admin to check the mailbox."),
  },
  {
    "3", "3", "X.3.X",
    N_("Mail system problem"),
    N_("A problem with the receiving mail system."),
    N_("The code is not in Kanri’s table. The receiving system is misconfigured, out of resources, or refuses the message size."),
    N_("Read the text after the code; contact the receiving organization’s admin if it persists."),
  },
  {
    "4", "4", "X.4.X",
    N_("Network or routing problem"),
    N_("A problem reaching the destination: DNS, connections or a routing loop."),
    N_("The code is not in Kanri’s table. Wrong MX records, unreachable servers or forwarding loops are the usual causes."),
    N_("Check the recipient domain’s MX record, the connectors and the destination server’s reachability."),
  },
  {
    "5", "5", "X.5.X",
    N_("Mail protocol problem"),
    N_("A problem in the SMTP conversation between the servers."),
    N_("The code is not in Kanri’s table. An SMTP command was refused or sent in the wrong order."),
    N_("Read the text after the code; check the sending device or server’s SMTP settings."),
  },
  {
    "6", "6", "X.6.X",
    N_("Message content problem"),
    N_("A problem with the message content or its format."),
    N_("The code is not in Kanri’s table. The message is too large, malformed, or holds content the receiver does not accept."),
    N_("Make the message smaller or remove the refused content, then send it again."),
  },
  {
    "7", "7", "X.7.X",
    N_("Security or policy refusal"),
    N_("Delivery was refused by a security or policy setting."),
    N_("The code is not in Kanri’s table. Authentication (SPF, DKIM, DMARC), reputation, permissions or a mail flow rule are the usual causes."),
    N_("Read the text after the code: it usually names the policy. Ask the side that refused the message to check it."),
  },
};

typedef struct
{
  guint klass;
  guint subject;
  guint detail;
} Status;

static gboolean
read_number (const char **p,
             guint        max_digits,
             guint       *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *value = *value * 10 + (guint)(**p - '0');
      (*p)++;
      n++;
    }

  return n > 0 && !g_ascii_isdigit (**p);
}

/* "c.s.d" (RFC 3463 §2: class 2, 4 or 5; subject and detail 0–999),
 * starting at @text. */
static gboolean
read_status (const char  *text,
             Status      *status,
             const char **end)
{
  const char *p = text;

  if (*p != '2' && *p != '4' && *p != '5')
    return FALSE;
  status->klass = (guint)(*p - '0');
  p++;

  if (*p++ != '.' || !read_number (&p, 3, &status->subject) ||
      *p++ != '.' || !read_number (&p, 3, &status->detail))
    return FALSE;

  /* "5.1.1.2" is not a status code, nor a part of an IP address. */
  if (*p == '.' && g_ascii_isdigit (p[1]))
    return FALSE;

  if (end != NULL)
    *end = p;
  return TRUE;
}

static gboolean
parse_entry_status (const char *text,
                    Status     *status)
{
  const char *end;

  return read_status (text, status, &end) && *end == '\0';
}

static int
compare_status (const Status *a,
                const Status *b)
{
  if (a->klass != b->klass)
    return a->klass < b->klass ? -1 : 1;
  if (a->subject != b->subject)
    return a->subject < b->subject ? -1 : 1;
  if (a->detail != b->detail)
    return a->detail < b->detail ? -1 : 1;
  return 0;
}

static const KanriNdrCode *
lookup_status (const Status *status,
               gboolean     *generic)
{
  /* Single codes first: 5.7.703 and 5.7.750 say more than their range. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
        {
          gboolean single = g_str_equal (codes[i].first, codes[i].last);
          Status first, last;

          if (single != (pass == 0))
            continue;
          if (!parse_entry_status (codes[i].first, &first) ||
              !parse_entry_status (codes[i].last, &last))
            continue;

          if (compare_status (&first, status) <= 0 && compare_status (status, &last) <= 0)
            {
              if (generic != NULL)
                *generic = FALSE;
              return &codes[i];
            }
        }
    }

  if (generic != NULL)
    *generic = TRUE;

  return status->subject < G_N_ELEMENTS (subjects) ? &subjects[status->subject] : &subjects[0];
}

/**
 * kanri_ndr_lookup:
 * @status: an enhanced status code such as "5.4.316"
 * @generic: (out) (optional): whether the entry only describes the code's
 *   subject (RFC 3463) because the code itself is not in the table
 *
 * Returns: (transfer none) (nullable): the entry for @status, or %NULL when
 *   @status is not an enhanced status code
 */
const KanriNdrCode *
kanri_ndr_lookup (const char *status,
                  gboolean   *generic)
{
  Status parsed;

  g_return_val_if_fail (status != NULL, NULL);

  if (!parse_entry_status (status, &parsed))
    return NULL;

  return lookup_status (&parsed, generic);
}

/**
 * kanri_ndr_describe_class:
 *
 * Returns: (nullable): what the class of @status means (RFC 3463 §3.1)
 */
const char *
kanri_ndr_describe_class (const char *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  switch (status[0])
    {
    case '2':
      return _("Success: the message was delivered.");
    case '4':
      return _("Temporary failure: the sending server keeps the message and retries.");
    case '5':
      return _("Permanent failure: the message will not be retried.");
    default:
      return NULL;
    }
}

void
kanri_ndr_info_free (KanriNdrInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->status);
  g_free (info->text);
  g_free (info);
}

static gboolean
is_code_boundary (char c)
{
  return c == '\0' || !(g_ascii_isalnum (c) || c == '.');
}

/* The SMTP reply code is the last three-digit number starting with 2, 4 or 5
 * before the status ("550 5.1.1", "550-5.1.1", "#550 5.1.1"). */
static guint
find_smtp_code (const char *text,
                const char *status_start)
{
  guint code = 0;

  for (const char *p = text; p + 3 <= status_start; p++)
    {
      if ((p == text || is_code_boundary (p[-1])) &&
          (*p == '2' || *p == '4' || *p == '5') &&
          g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          is_code_boundary (p[3]))
        code = (guint)((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
    }

  return code;
}

static char *
shown_text (const char *text)
{
  gsize length = strlen (text);
  g_autofree char *copy = g_utf8_make_valid (text, MIN (length, 80));

  return g_strconcat (g_strstrip (copy), length > 80 ? "…" : "", NULL);
}

/**
 * kanri_ndr_parse:
 * @text: an NDR line, a Diagnostic-Code, or a bare status code
 *
 * Finds the first enhanced status code in @text and the SMTP reply code
 * before it, if any.
 *
 * Returns: (transfer full): what was found, with its table entry, or %NULL
 *   with @error set
 */
KanriNdrInfo *
kanri_ndr_parse (const char  *text,
                 GError     **error)
{
  g_autoptr(KanriNdrInfo) info = NULL;
  g_autofree char *valid = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) > KANRI_NDR_MAX_TEXT)
    {
      g_set_error (error, KANRI_NDR_ERROR, KANRI_NDR_ERROR_TOO_LONG,
                   _("The text is longer than %d KB; paste only the line with the status code"),
                   KANRI_NDR_MAX_TEXT / 1024);
      return NULL;
    }

  valid = g_utf8_make_valid (text, -1);
  g_strstrip (valid);
  if (*valid == '\0')
    {
      g_set_error (error, KANRI_NDR_ERROR, KANRI_NDR_ERROR_EMPTY,
                   _("Paste a line from a non-delivery report, or a status code such as 5.1.1"));
      return NULL;
    }

  for (p = valid; *p != '\0'; p++)
    {
      Status status;
      const char *end;

      if ((p == valid || is_code_boundary (p[-1])) && read_status (p, &status, &end) &&
          is_code_boundary (*end))
        {
          const char *rest = end;

          info = g_new0 (KanriNdrInfo, 1);
          info->status = g_strdup_printf ("%u.%u.%u", status.klass, status.subject, status.detail);
          info->smtp_code = find_smtp_code (valid, p);
          info->code = lookup_status (&status, &info->generic);

          while (*rest != '\0' && (g_ascii_isspace (*rest) || *rest == ':' || *rest == '-'))
            rest++;
          if (*rest != '\0')
            info->text = g_strdup (rest);

          return g_steal_pointer (&info);
        }
    }

  {
    g_autofree char *shown = shown_text (valid);

    g_set_error (error, KANRI_NDR_ERROR, KANRI_NDR_ERROR_NO_CODE,
                 _("No enhanced status code (such as 5.1.1) was found in “%s”"), shown);
  }

  return NULL;
}

/**
 * kanri_ndr_code_get_range:
 *
 * Returns: the code or range the entry covers, such as "5.4.316",
 *   "5.7.606–5.7.649" or, for a subject of RFC 3463, "X.4.X"
 */
const char *
kanri_ndr_code_get_range (const KanriNdrCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return code->range;
}

const char *
kanri_ndr_code_get_title (const KanriNdrCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return _(code->title);
}

const char *
kanri_ndr_code_get_meaning (const KanriNdrCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return _(code->meaning);
}

const char *
kanri_ndr_code_get_cause (const KanriNdrCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return _(code->cause);
}

const char *
kanri_ndr_code_get_fix (const KanriNdrCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return _(code->fix);
}

/**
 * kanri_ndr_get_n_codes:
 *
 * Returns: how many codes and ranges the table holds, for a reference list
 */
guint
kanri_ndr_get_n_codes (void)
{
  return G_N_ELEMENTS (codes);
}

/**
 * kanri_ndr_get_code:
 *
 * Returns: (transfer none): entry @index of the table
 */
const KanriNdrCode *
kanri_ndr_get_code (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (codes), NULL);

  return &codes[index];
}
