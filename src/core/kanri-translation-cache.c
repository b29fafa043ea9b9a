/* kanri-translation-cache.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-translation-cache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "kanri-translation-cache.h"

/* The translations of the messages the analyzer looks up for every field
 * of every message (the meanings of the anti-spam tokens): gettext costs
 * about 500 instructions a lookup, most of them finding out again which
 * language is wanted, a hash table lookup a tenth of that.
 *
 * The translation of a message depends on LANGUAGE, on the locale of the
 * messages category and on the catalogs bound (kanri_i18n_init()). A cache
 * remembers the first two as they were when it was filled, and the
 * generation of the third; kanri_translation_cache_get() empties it when
 * any of them changed, so that a report is always in the language of the
 * moment it was made. With glibc, also when glibc's own counter of catalog
 * changes moved (bindtextdomain(), setlocale(), a catalog loaded; the
 * gettext manual's _nl_msg_cat_cntr): a miss asks gettext, so the cache is
 * never staler than gettext's own. Each thread has a cache of its own: no
 * lock. */

typedef struct
{
  const char *msgid;
  const char *translation;
} Slot;

/* Room for the anti-spam meanings and the findings of a typical day. */
#define INITIAL_SLOTS 256

struct _KanriTranslationCache
{
  char       *language;
  char       *messages_locale;
  guint       generation;
  int         catalog_changes;
  /* How many kanri_translation_cache_hold() are not yet released. */
  guint       held;
  /* Open addressing on the msgid's address: @n_slots a power of two,
   * at most half of them used. */
  Slot       *slots;
  guint       n_slots;
  guint       n_used;
};

static guint generation;

#ifdef __GLIBC__
extern int _nl_msg_cat_cntr;
#define CATALOG_CHANGES() (_nl_msg_cat_cntr)
#else
#define CATALOG_CHANGES() 0
#endif

static void
cache_free (gpointer data)
{
  KanriTranslationCache *cache = data;

  g_free (cache->language);
  g_free (cache->messages_locale);
  g_free (cache->slots);
  g_free (cache);
}

static GPrivate cache_key = G_PRIVATE_INIT (cache_free);

/**
 * kanri_translation_cache_invalidate:
 *
 * Empties every thread's cache at its next kanri_translation_cache_get():
 * the catalogs changed (kanri_i18n_init()).
 */
void
kanri_translation_cache_invalidate (void)
{
  g_atomic_int_inc (&generation);
}

/**
 * kanri_translation_cache_get:
 *
 * Checks that the cache of this thread still matches the language and the
 * locale, emptying it if not, unless it is held (then it was checked when
 * it was). Call it once per batch of lookups (a header), not once per
 * lookup.
 *
 * Returns: (transfer none) (nullable): this thread's cache, or %NULL when
 *   this thread has a locale of its own (uselocale()): then every lookup
 *   goes to gettext
 */
KanriTranslationCache *
kanri_translation_cache_get (void)
{
  KanriTranslationCache *cache = g_private_get (&cache_key);
  const char *language;
  const char *messages_locale;
  guint current;

  /* Checked when held: the language of a report is the one of the moment
   * it was begun. */
  if (cache != NULL && cache->held > 0)
    return cache;

  if (uselocale ((locale_t)0) != LC_GLOBAL_LOCALE)
    return NULL;

  current = (guint)g_atomic_int_get (&generation);

  language = g_getenv ("LANGUAGE");
  messages_locale = setlocale (LC_MESSAGES, NULL);

  if (cache == NULL)
    {
      cache = g_new0 (KanriTranslationCache, 1);
      cache->n_slots = INITIAL_SLOTS;
      cache->slots = g_new0 (Slot, cache->n_slots);
      cache->generation = current;
      cache->catalog_changes = CATALOG_CHANGES ();
      cache->language = g_strdup (language);
      cache->messages_locale = g_strdup (messages_locale);
      g_private_set (&cache_key, cache);
      return cache;
    }

  if (cache->generation != current || cache->catalog_changes != CATALOG_CHANGES () ||
      g_strcmp0 (cache->language, language) != 0 || g_strcmp0 (cache->messages_locale, messages_locale) != 0)
    {
      memset (cache->slots, 0, cache->n_slots * sizeof (Slot));
      cache->n_used = 0;
      cache->generation = current;
      cache->catalog_changes = CATALOG_CHANGES ();
      g_free (cache->language);
      cache->language = g_strdup (language);
      g_free (cache->messages_locale);
      cache->messages_locale = g_strdup (messages_locale);
    }

  return cache;
}

/**
 * kanri_translation_cache_hold:
 *
 * Checks this thread's cache, as kanri_translation_cache_get() does, and
 * keeps it as it is until kanri_translation_cache_release(): the
 * kanri_translation_cache_get() of the parsers inside one analysis then
 * skip the check, which costs as much as several lookups (getenv()).
 * Holds nest.
 *
 * Returns: (transfer none) (nullable): as kanri_translation_cache_get()
 */
KanriTranslationCache *
kanri_translation_cache_hold (void)
{
  KanriTranslationCache *cache = kanri_translation_cache_get ();

  if (cache != NULL)
    cache->held++;

  return cache;
}

/**
 * kanri_translation_cache_release:
 * @cache: (nullable): what kanri_translation_cache_hold() returned
 */
void
kanri_translation_cache_release (KanriTranslationCache *cache)
{
  if (cache != NULL)
    {
      g_return_if_fail (cache->held > 0);
      cache->held--;
    }
}

/* The slot of @msgid, or the empty one where it goes. */
static Slot *
find_slot (Slot       *slots,
           guint       n_slots,
           const char *msgid)
{
  /* Messages are at least a few bytes apart: the low bits say little. */
  guint i = (guint)((GPOINTER_TO_SIZE (msgid) >> 3) * 2654435761u) & (n_slots - 1);

  while (slots[i].msgid != NULL && slots[i].msgid != msgid)
    i = (i + 1) & (n_slots - 1);

  return &slots[i];
}

static void
grow (KanriTranslationCache *cache)
{
  guint n_slots = cache->n_slots * 2;
  Slot *slots = g_new0 (Slot, n_slots);

  for (guint i = 0; i < cache->n_slots; i++)
    {
      if (cache->slots[i].msgid != NULL)
        *find_slot (slots, n_slots, cache->slots[i].msgid) = cache->slots[i];
    }
  g_free (cache->slots);
  cache->slots = slots;
  cache->n_slots = n_slots;
}

/**
 * kanri_translation_cache_lookup:
 * @cache: (nullable): from kanri_translation_cache_get()
 * @msgid: a message of Kanri's domain, marked with N_(), that stays where it
 *   is for the life of the process (a string literal): the cache knows it by
 *   its address
 *
 * Returns: what _(@msgid) returns
 */
const char *
kanri_translation_cache_lookup (KanriTranslationCache *cache,
                                const char            *msgid)
{
  const char *translation;
  Slot *slot;

  if (cache == NULL)
    return _(msgid);

  slot = find_slot (cache->slots, cache->n_slots, msgid);
  if (slot->msgid != NULL)
    return slot->translation;

  translation = _(msgid);
  if (2 * (cache->n_used + 1) > cache->n_slots)
    {
      grow (cache);
      slot = find_slot (cache->slots, cache->n_slots, msgid);
    }
  slot->msgid = msgid;
  slot->translation = translation;
  cache->n_used++;

  return translation;
}
