/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-tag.h"

struct _ScholiaTag
{
  ScholiaLabel parent_instance;
};

G_DEFINE_FINAL_TYPE (ScholiaTag, scholia_tag, SCHOLIA_TYPE_LABEL)

static void
scholia_tag_class_init (ScholiaTagClass *klass)
{
}

static void
scholia_tag_init (ScholiaTag *self)
{
}
