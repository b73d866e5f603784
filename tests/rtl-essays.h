/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* The right-to-left tests' essays (test-rtl.c, test-window-rtl.c), invented for them: a
 * fictional archive, the Salt House, and its historians. */

/* Arabic, with a right-to-left mark after the year and an English ship's name inside a
 * right-to-left paragraph. */
static const char G_GNUC_UNUSED arabic_essay[] =
  "أرشيف بيت الملح\n"
  "\n"
  "في عام 1923\u200F نقل أمين الأرشيف سليم الحداد دفاتر الميناء إلى بيت الملح.\n"
  "\n"
  "تقول الرسائل إن التجار كتبوا اسم السفينة Northern Star بالإنجليزية ثم أضافوا الحمولة بالعربية.\n"
  "\n"
  "لم يبق من السجلات إلا أحد عشر مجلدا، وبعضها بلا تاريخ.\n";

static const char G_GNUC_UNUSED hebrew_essay[] =
  "הארכיון של בית המלח נפתח לקוראים רק בשנת 1951.\n"
  "\n"
  "המכתבים מזכירים את האונייה Northern Star שלוש פעמים.\n";

static const char G_GNUC_UNUSED persian_essay[] =
  "دفترهای گمرک در زیرزمین کتابخانه پیدا شد.\n"
  "\n"
  "نویسنده‌ی گزارش، مریم نوری، تاریخ‌ها را با دقت خواند.\n";

/* An English essay quoting the archive's catalogues in their own scripts. */
static const char G_GNUC_UNUSED english_essay[] =
  "The Salt House Archive\n"
  "\n"
  "The keeper’s note says that he «نقل دفاتر الميناء» in a single winter, and the Hebrew "
  "catalogue agrees: הארכיון נפתח לקוראים only in 1951.\n";
