/* kanri-outlook-msg.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-outlook-msg"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <string.h>

#include "kanri-message-file.h"
#include "kanri-mime.h"
#include "kanri-outlook-msg.h"

/* An Outlook .msg file is an OLE compound file ([MS-CFB]) holding MAPI
 * properties as streams ([MS-OXMSG] §2.1): the Internet headers are
 * PR_TRANSPORT_MESSAGE_HEADERS (0x007D), the subject PR_SUBJECT (0x0037),
 * each as "__substg1.0_XXXX001F" (UTF-16LE) or "…001E" (8-bit, in the
 * message's code page, [MS-OXMSG] §2.1.3).
 *
 * The streams are read with libgsf, but only after the structure has been
 * checked here: libgsf asserts (g_critical) and can recurse without bound or
 * read past its buffers on a damaged or truncated file, and Kanri must turn
 * those into a clear error instead. The checks are those of [MS-CFB] §2.2–2.6
 * for the parts that are read, for version 3 files (512-byte sectors), which
 * is what Outlook writes. */

#define HEADER_SIZE     512
#define SECTOR_SIZE     512
#define MINI_SECTOR     64
#define MINI_CUTOFF     4096
#define DIRENT_SIZE     128
#define HEADER_DIFAT    109

#define MAXREGSECT      0xfffffffaU
#define DIFSECT         0xfffffffcU
#define FATSECT         0xfffffffdU
#define ENDOFCHAIN      0xfffffffeU
#define FREESECT        0xffffffffU
#define NOSTREAM        0xffffffffU

#define TYPE_STORAGE    1
#define TYPE_STREAM     2
#define TYPE_ROOT       5

/* libgsf builds the directory tree recursively, one frame per link. */
#define MAX_TREE_DEPTH  512

#define PR_MESSAGE_CODEPAGE 0x3ffd0003U
#define PR_INTERNET_CPID    0x3fde0003U

typedef enum
{
  DAMAGE_TRUNCATED,
  DAMAGE_HEADER,
  DAMAGE_TABLE,
  DAMAGE_CHAIN,
  DAMAGE_DIRECTORY,
  DAMAGE_STREAM,
} Damage;

typedef struct
{
  const guint8 *data;
  gsize         length;
  guint32       n_sectors;
  guint32      *fat;
  guint32       n_fat;
  guint32      *minifat;
  guint32       n_minifat;
  guint32      *directory;
  guint32       n_directory;
  guint32       n_dirents;
  guint32       root_size;
  guint32       root_start;
  GHashTable   *root_streams;
} Cfb;

static void
cfb_clear (Cfb *cfb)
{
  g_clear_pointer (&cfb->fat, g_free);
  g_clear_pointer (&cfb->minifat, g_free);
  g_clear_pointer (&cfb->directory, g_free);
  g_clear_pointer (&cfb->root_streams, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cfb, cfb_clear)

static void
set_damage (GError **error,
            Damage   damage)
{
  const char *detail;

  switch (damage)
    {
    case DAMAGE_TRUNCATED:
      detail = _("the file ends before its structure does");
      break;
    case DAMAGE_HEADER:
      detail = _("its header is not valid");
      break;
    case DAMAGE_TABLE:
      detail = _("its sector allocation table points outside the file");
      break;
    case DAMAGE_CHAIN:
      detail = _("a chain of sectors loops or ends too early");
      break;
    case DAMAGE_DIRECTORY:
      detail = _("its directory of streams is not valid");
      break;
    case DAMAGE_STREAM:
    default:
      detail = _("a stream does not fit in the file");
      break;
    }

  g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_DAMAGED_MSG,
               _("The Outlook message is damaged or truncated: %s"), detail);
}

static guint16
le16 (const guint8 *p)
{
  return (guint16)(p[0] | (p[1] << 8));
}

static guint32
le32 (const guint8 *p)
{
  return (guint32)p[0] | ((guint32)p[1] << 8) | ((guint32)p[2] << 16) | ((guint32)p[3] << 24);
}

static const guint8 *
sector (const Cfb *cfb,
        guint32    index)
{
  return cfb->data + HEADER_SIZE + (gsize)index * SECTOR_SIZE;
}

/* The sectors of a chain in @table: each below @max_index, at most
 * @max_length of them (which also stops a loop), ending with ENDOFCHAIN. */
static guint32 *
walk_chain (const guint32 *table,
            guint32        n_table,
            guint32        start,
            guint32        max_index,
            guint32        max_length,
            guint32       *n_chain)
{
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 current = start;

  while (current != ENDOFCHAIN)
    {
      if (current >= n_table || current >= max_index || chain->len >= max_length)
        return NULL;
      g_array_append_val (chain, current);
      current = table[current];
    }

  *n_chain = chain->len;
  return (guint32 *)(gpointer)g_array_free (g_steal_pointer (&chain), FALSE);
}

static gboolean
read_fat (Cfb      *cfb,
          GError  **error)
{
  const guint8 *header = cfb->data;
  guint32 n_fat_sectors = le32 (header + 0x2c);
  guint32 difat_sector = le32 (header + 0x44);
  guint32 n_difat = le32 (header + 0x48);
  g_autofree guint32 *fat_sectors = NULL;
  guint32 n_listed = 0;

  guint32 needed_difat = n_fat_sectors <= HEADER_DIFAT ? 0 :
                         (n_fat_sectors - HEADER_DIFAT + SECTOR_SIZE / 4 - 2) / (SECTOR_SIZE / 4 - 1);

  /* libgsf refuses a table larger than the file, and reads every DIFAT
   * sector the header counts, so the count must be exact. */
  if (n_fat_sectors == 0 || n_fat_sectors >= cfb->n_sectors || n_difat != needed_difat)
    {
      set_damage (error, DAMAGE_TABLE);
      return FALSE;
    }

  fat_sectors = g_new (guint32, n_fat_sectors);
  for (guint32 i = 0; i < HEADER_DIFAT && n_listed < n_fat_sectors; i++)
    fat_sectors[n_listed++] = le32 (header + 0x4c + 4 * i);

  for (guint32 d = 0; d < n_difat && n_listed < n_fat_sectors; d++)
    {
      const guint8 *block;

      if (difat_sector >= cfb->n_sectors)
        {
          set_damage (error, DAMAGE_TABLE);
          return FALSE;
        }
      block = sector (cfb, difat_sector);
      for (guint32 i = 0; i < SECTOR_SIZE / 4 - 1 && n_listed < n_fat_sectors; i++)
        fat_sectors[n_listed++] = le32 (block + 4 * i);
      difat_sector = le32 (block + SECTOR_SIZE - 4);
    }

  if (n_listed < n_fat_sectors)
    {
      set_damage (error, DAMAGE_TABLE);
      return FALSE;
    }

  cfb->n_fat = n_fat_sectors * (SECTOR_SIZE / 4);
  cfb->fat = g_new (guint32, cfb->n_fat);

  for (guint32 s = 0; s < n_fat_sectors; s++)
    {
      const guint8 *block;

      if (fat_sectors[s] >= cfb->n_sectors)
        {
          set_damage (error, DAMAGE_TABLE);
          return FALSE;
        }
      block = sector (cfb, fat_sectors[s]);
      for (guint32 i = 0; i < SECTOR_SIZE / 4; i++)
        {
          guint32 entry = le32 (block + 4 * i);

          /* Every next-sector link must name a sector that exists. */
          if (entry <= MAXREGSECT && (entry >= cfb->n_sectors || entry >= cfb->n_fat))
            {
              set_damage (error, DAMAGE_TABLE);
              return FALSE;
            }
          if (entry > MAXREGSECT && entry < DIFSECT)
            {
              set_damage (error, DAMAGE_TABLE);
              return FALSE;
            }
          cfb->fat[s * (SECTOR_SIZE / 4) + i] = entry;
        }
    }

  return TRUE;
}

static gboolean
read_minifat (Cfb      *cfb,
              GError  **error)
{
  guint32 start = le32 (cfb->data + 0x3c);
  guint32 n_sectors = le32 (cfb->data + 0x40);
  g_autofree guint32 *chain = NULL;
  guint32 n_chain = 0;

  /* libgsf warns about a mini FAT link in a file that says it has none,
   * and about a chain of another length than the header counts. */
  if (n_sectors == 0)
    {
      if (start == ENDOFCHAIN)
        return TRUE;
      set_damage (error, DAMAGE_TABLE);
      return FALSE;
    }

  chain = walk_chain (cfb->fat, cfb->n_fat, start, cfb->n_sectors, cfb->n_sectors, &n_chain);
  if (chain == NULL || n_chain != n_sectors)
    {
      set_damage (error, DAMAGE_CHAIN);
      return FALSE;
    }

  cfb->n_minifat = n_chain * (SECTOR_SIZE / 4);
  cfb->minifat = g_new (guint32, cfb->n_minifat);

  for (guint32 s = 0; s < n_chain; s++)
    {
      const guint8 *block = sector (cfb, chain[s]);

      for (guint32 i = 0; i < SECTOR_SIZE / 4; i++)
        {
          guint32 entry = le32 (block + 4 * i);

          if ((entry <= MAXREGSECT && entry >= cfb->n_minifat) ||
              (entry > MAXREGSECT && entry < DIFSECT))
            {
              set_damage (error, DAMAGE_TABLE);
              return FALSE;
            }
          cfb->minifat[s * (SECTOR_SIZE / 4) + i] = entry;
        }
    }

  return TRUE;
}

static const guint8 *
dirent (const Cfb *cfb,
        guint32    index)
{
  guint32 per_sector = SECTOR_SIZE / DIRENT_SIZE;

  return sector (cfb, cfb->directory[index / per_sector]) + (index % per_sector) * DIRENT_SIZE;
}

static char *
dirent_name (const guint8 *entry)
{
  guint16 length = le16 (entry + 0x40);
  gunichar2 name[32];
  guint n = 0;

  for (guint i = 0; i + 1 < length && i < 64 && n < 32; i += 2)
    {
      gunichar2 unit = le16 (entry + i);

      if (unit == 0)
        break;
      name[n++] = unit;
    }

  return g_utf16_to_utf8 (name, n, NULL, NULL, NULL);
}

static gboolean
is_link (const Cfb *cfb,
         guint32    link,
         guint32    self)
{
  return link == NOSTREAM || (link < cfb->n_dirents && link != self);
}

typedef struct
{
  guint32  index;
  guint32  depth;
  gboolean in_root;
} Pending;

/* Walks the tree from the root the way libgsf will, checking every entry it
 * will visit, and remembers the streams directly under the root. */
static gboolean
read_directory (Cfb      *cfb,
                GError  **error)
{
  g_autofree guint8 *visited = NULL;
  g_autoptr(GArray) stack = NULL;
  const guint8 *root;
  guint32 start = le32 (cfb->data + 0x30);

  cfb->directory = walk_chain (cfb->fat, cfb->n_fat, start, cfb->n_sectors, cfb->n_sectors,
                               &cfb->n_directory);
  if (cfb->directory == NULL || cfb->n_directory == 0)
    {
      set_damage (error, DAMAGE_CHAIN);
      return FALSE;
    }
  cfb->n_dirents = cfb->n_directory * (SECTOR_SIZE / DIRENT_SIZE);

  root = dirent (cfb, 0);
  if (root[0x42] != TYPE_ROOT || le32 (root + 0x7c) != 0 || le32 (root + 0x78) > cfb->length ||
      le32 (root + 0x44) != NOSTREAM || le32 (root + 0x48) != NOSTREAM ||
      !is_link (cfb, le32 (root + 0x4c), 0))
    {
      set_damage (error, DAMAGE_DIRECTORY);
      return FALSE;
    }
  cfb->root_size = le32 (root + 0x78);
  cfb->root_start = le32 (root + 0x74);

  visited = g_malloc0 (cfb->n_dirents);
  visited[0] = TRUE;
  stack = g_array_new (FALSE, FALSE, sizeof (Pending));
  cfb->root_streams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  {
    Pending first = { le32 (root + 0x4c), 1, TRUE };

    if (first.index != NOSTREAM)
      g_array_append_val (stack, first);
  }

  while (stack->len > 0)
    {
      Pending item = g_array_index (stack, Pending, stack->len - 1);
      const guint8 *entry;
      guint8 type;
      guint16 name_length;
      guint32 links[3];

      g_array_set_size (stack, stack->len - 1);

      if (visited[item.index] || item.depth > MAX_TREE_DEPTH)
        {
          set_damage (error, DAMAGE_DIRECTORY);
          return FALSE;
        }
      visited[item.index] = TRUE;

      entry = dirent (cfb, item.index);
      type = entry[0x42];
      name_length = le16 (entry + 0x40);
      links[0] = le32 (entry + 0x44);
      links[1] = le32 (entry + 0x48);
      links[2] = le32 (entry + 0x4c);

      /* A name must end within its 64 bytes: libgsf reads it up to a NUL. */
      if ((type != TYPE_STORAGE && type != TYPE_STREAM) ||
          name_length > 64 || name_length % 2 != 0 || memchr (entry, 0, 64) == NULL ||
          !is_link (cfb, links[0], item.index) || !is_link (cfb, links[1], item.index) ||
          !is_link (cfb, links[2], item.index) ||
          (type == TYPE_STREAM && (links[2] != NOSTREAM || le32 (entry + 0x78) > cfb->length)))
        {
          set_damage (error, DAMAGE_DIRECTORY);
          return FALSE;
        }

      if (item.in_root && type == TYPE_STREAM)
        {
          char *name = dirent_name (entry);

          /* Names are unique among siblings ([MS-CFB] §2.6.4): with two
           * alike, the one checked here might not be the one libgsf reads. */
          if (name == NULL || g_hash_table_contains (cfb->root_streams, name))
            {
              g_free (name);
              set_damage (error, DAMAGE_DIRECTORY);
              return FALSE;
            }
          g_hash_table_insert (cfb->root_streams, name, GUINT_TO_POINTER (item.index));
        }

      for (guint i = 0; i < 3; i++)
        {
          Pending next = { links[i], item.depth + 1, i < 2 ? item.in_root : FALSE };

          if (links[i] != NOSTREAM)
            g_array_append_val (stack, next);
        }
    }

  return TRUE;
}

/* A stream libgsf is about to read must be fully covered by its chain:
 * mini streams within the root's mini stream and within libgsf's 4 KB
 * preload buffer, big streams within the file. */
static gboolean
check_stream (Cfb      *cfb,
              guint32   index,
              GError  **error)
{
  const guint8 *entry = dirent (cfb, index);
  guint32 size = le32 (entry + 0x78);
  guint32 start = le32 (entry + 0x74);
  g_autofree guint32 *chain = NULL;
  guint32 n_chain = 0;

  if (size < MINI_CUTOFF)
    {
      g_autofree guint32 *root_chain = NULL;
      guint32 n_root = 0;

      root_chain = walk_chain (cfb->fat, cfb->n_fat, cfb->root_start, cfb->n_sectors, cfb->n_sectors,
                               &n_root);
      if (root_chain == NULL || (guint64)n_root * SECTOR_SIZE < cfb->root_size)
        {
          set_damage (error, DAMAGE_CHAIN);
          return FALSE;
        }

      if (size == 0 && start == ENDOFCHAIN)
        return TRUE;

      chain = walk_chain (cfb->minifat, cfb->n_minifat, start, cfb->n_minifat,
                          MINI_CUTOFF / MINI_SECTOR, &n_chain);
      if (chain == NULL || (guint64)n_chain * MINI_SECTOR < size)
        {
          set_damage (error, DAMAGE_CHAIN);
          return FALSE;
        }

      for (guint32 i = 0; i < n_chain; i++)
        {
          if ((guint64)chain[i] * MINI_SECTOR + MINI_SECTOR > cfb->root_size)
            {
              set_damage (error, DAMAGE_STREAM);
              return FALSE;
            }
        }

      return TRUE;
    }

  chain = walk_chain (cfb->fat, cfb->n_fat, start, cfb->n_sectors, cfb->n_sectors, &n_chain);
  if (chain == NULL || (guint64)n_chain * SECTOR_SIZE < size)
    {
      set_damage (error, DAMAGE_CHAIN);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_structure (Cfb           *cfb,
                 const guint8  *data,
                 gsize          length,
                 GError       **error)
{
  cfb->data = data;
  cfb->length = length;

  if (length < HEADER_SIZE + SECTOR_SIZE)
    {
      set_damage (error, DAMAGE_TRUNCATED);
      return FALSE;
    }

  if (le16 (data + 0x1a) == 4 || le16 (data + 0x1e) == 12)
    {
      g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_DAMAGED_MSG,
                   _("This Outlook message uses 4096-byte sectors (compound file version 4), which Kanri cannot read; save it again from Outlook or paste its headers"));
      return FALSE;
    }

  if (le16 (data + 0x1a) != 3 || le16 (data + 0x1c) != 0xfffe || le16 (data + 0x1e) != 9 ||
      le16 (data + 0x20) != 6 || le32 (data + 0x38) != MINI_CUTOFF)
    {
      set_damage (error, DAMAGE_HEADER);
      return FALSE;
    }

  cfb->n_sectors = (guint32)MIN ((length - HEADER_SIZE) / SECTOR_SIZE, (gsize)MAXREGSECT);

  return read_fat (cfb, error) && read_minifat (cfb, error) && read_directory (cfb, error);
}

static GBytes *
read_stream (Cfb         *cfb,
             GsfInfile   *infile,
             const char  *name,
             GError     **error)
{
  GsfInput *input;
  GBytes *result = NULL;
  gpointer index;
  gsf_off_t size;
  const guint8 *bytes;

  if (!g_hash_table_lookup_extended (cfb->root_streams, name, NULL, &index))
    return NULL;

  if (!check_stream (cfb, GPOINTER_TO_UINT (index), error))
    return NULL;

  /* libgsf types have no g_autoptr() cleanup functions to rely on. */
  input = gsf_infile_child_by_name (infile, name);
  if (input == NULL)
    {
      set_damage (error, DAMAGE_STREAM);
      return NULL;
    }

  size = gsf_input_size (input);
  bytes = size > 0 ? gsf_input_read (input, size, NULL) : NULL;
  if (size == 0)
    result = g_bytes_new (NULL, 0);
  else if (bytes != NULL)
    result = g_bytes_new (bytes, size);
  else
    set_damage (error, DAMAGE_STREAM);

  g_object_unref (input);
  return result;
}

/* Windows code page numbers to MIME charsets ([MS-OXCMAIL] relies on
 * PR_INTERNET_CPID and PR_MESSAGE_CODEPAGE for 8-bit strings). */
static char *
charset_for_codepage (guint32 codepage)
{
  switch (codepage)
    {
    case 65001:
      return g_strdup ("UTF-8");
    case 50220:
    case 50221:
    case 50222:
      return g_strdup ("ISO-2022-JP");
    case 20932:
    case 51932:
      return g_strdup ("EUC-JP");
    case 20127:
      return g_strdup ("us-ascii");
    case 936:
    case 54936:
      return g_strdup ("GB18030");
    default:
      if (codepage >= 28591 && codepage <= 28599)
        return g_strdup_printf ("ISO-8859-%u", codepage - 28590);
      if (codepage > 0 && codepage < 10000)
        return g_strdup_printf ("CP%u", codepage);
      return NULL;
    }
}

static guint32
read_codepage (GBytes *properties)
{
  gsize length = 0;
  const guint8 *data = properties != NULL ? g_bytes_get_data (properties, &length) : NULL;
  guint32 message_codepage = 0;

  /* The top-level property stream: a 32-byte header, then 16-byte entries
   * of tag, flags and an 8-byte value ([MS-OXMSG] §2.4.1, §2.4.2). */
  for (gsize offset = 32; offset + 16 <= length; offset += 16)
    {
      guint32 tag = le32 (data + offset);

      if (tag == PR_INTERNET_CPID)
        return le32 (data + offset + 8);
      if (tag == PR_MESSAGE_CODEPAGE)
        message_codepage = le32 (data + offset + 8);
    }

  return message_codepage;
}

static char *
decode_string (GBytes     *unicode,
               GBytes     *eight_bit,
               const char *charset)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  const char *data;

  if (unicode != NULL)
    {
      data = g_bytes_get_data (unicode, &length);
      text = kanri_mime_convert (data, length - length % 2, "UTF-16LE");
    }
  else if (eight_bit != NULL)
    {
      data = g_bytes_get_data (eight_bit, &length);
      if (charset != NULL)
        text = kanri_mime_convert (data, length, charset);
      if (text == NULL)
        text = kanri_mime_decode_8bit (data, length);
    }

  if (text == NULL)
    return NULL;

  /* The property may carry its terminating NUL. */
  return g_strdup (text);
}

static void
ensure_gsf (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gsf_init ();
      g_once_init_leave (&initialized, 1);
    }
}

/* Reads the streams Kanri needs through libgsf; the structure is checked. */
static gboolean
read_streams (Cfb         *cfb,
              const char  *data,
              gsize        length,
              GBytes     **headers_unicode,
              GBytes     **headers_8bit,
              GBytes     **subject_unicode,
              GBytes     **subject_8bit,
              GBytes     **properties,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GsfInput *input;
  GsfInfile *infile;

  ensure_gsf ();
  input = gsf_input_memory_new ((const guint8 *)data, length, FALSE);
  infile = gsf_infile_msole_new (input, NULL);
  g_object_unref (input);
  if (infile == NULL)
    {
      set_damage (error, DAMAGE_HEADER);
      return FALSE;
    }

  *headers_unicode = read_stream (cfb, infile, "__substg1.0_007D001F", &local_error);
  if (*headers_unicode == NULL && local_error == NULL)
    *headers_8bit = read_stream (cfb, infile, "__substg1.0_007D001E", &local_error);

  /* The subject and code page are optional; a damaged one is left out. */
  if (local_error == NULL)
    {
      *subject_unicode = read_stream (cfb, infile, "__substg1.0_0037001F", NULL);
      *subject_8bit = read_stream (cfb, infile, "__substg1.0_0037001E", NULL);
      *properties = read_stream (cfb, infile, "__properties_version1.0", NULL);
    }

  g_object_unref (infile);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
kanri_outlook_msg_is_ole (const char *data,
                          gsize       length)
{
  return length >= 8 && memcmp (data, KANRI_OLE_SIGNATURE, 8) == 0;
}

/**
 * kanri_outlook_msg_read:
 * @data: the whole .msg file
 * @transport_headers: (out): the Internet headers, as UTF-8
 * @subject: (out) (nullable): the subject, as UTF-8, or %NULL
 *
 * Returns: %TRUE on success, %FALSE with @error set when the file is damaged
 *   or has no Internet headers (a draft, or a message saved from Sent Items)
 */
gboolean
kanri_outlook_msg_read (const char  *data,
                        gsize        length,
                        char       **transport_headers,
                        char       **subject,
                        GError     **error)
{
  g_auto(Cfb) cfb = { 0 };
  g_autoptr(GBytes) headers_unicode = NULL;
  g_autoptr(GBytes) headers_8bit = NULL;
  g_autoptr(GBytes) subject_unicode = NULL;
  g_autoptr(GBytes) subject_8bit = NULL;
  g_autoptr(GBytes) properties = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *headers = NULL;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (transport_headers != NULL, FALSE);
  g_return_val_if_fail (subject != NULL, FALSE);

  if (!kanri_outlook_msg_is_ole (data, length))
    {
      set_damage (error, DAMAGE_HEADER);
      return FALSE;
    }

  if (!check_structure (&cfb, (const guint8 *)data, length, error))
    return FALSE;

  if (!read_streams (&cfb, data, length, &headers_unicode, &headers_8bit,
                     &subject_unicode, &subject_8bit, &properties, error))
    return FALSE;

  charset = charset_for_codepage (read_codepage (properties));
  headers = decode_string (headers_unicode, headers_8bit, charset);

  if (headers == NULL || *g_strstrip (headers) == '\0')
    {
      g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_NO_TRANSPORT_HEADERS,
                   _("This Outlook message has no Internet headers (property 0x007D): it never passed through a mail server, like a draft or a copy from Sent Items"));
      return FALSE;
    }

  *transport_headers = g_steal_pointer (&headers);
  *subject = decode_string (subject_unicode, subject_8bit, charset);
  return TRUE;
}
