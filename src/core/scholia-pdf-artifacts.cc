/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "scholia-pdf-structure.h"

#include <glib/gi18n-lib.h>

/* No use of qpdf's old PointerHolder: its headers then do not warn. */
#define POINTERHOLDER_TRANSITION 4

#include <exception>
#include <memory>
#include <string>

#include <qpdf/Buffer.hh>
#include <qpdf/BufferInputSource.hh>
#include <qpdf/QPDFTokenizer.hh>

#include "scholia-error.h"

/* cairo 1.16 marks what is drawn inside a structure element (BDC with an /MCID … EMC) and
 * leaves everything else unmarked, which accessibility checkers flag as content missing from
 * the structure. Reading a page's content with qpdf's own tokenizer, this wraps each run of
 * drawing outside any tagged or artifact sequence in /Artifact BMC … EMC. A run holds whole
 * operators only, and ends only where a tagged sequence begins outside a text object, so the
 * sequences it adds nest with the page's own; marked content that is neither tagged nor an
 * artifact (cairo's /Span with /ActualText) goes inside the run. A run that only sets the
 * graphics state is left as it is, and so is one that the page's own marking makes impossible
 * to wrap (a tagged sequence inside it), rather than hide real content as an artifact. cairo
 * ≥ 1.17.6 marks some artifacts itself: those sequences are kept as they are, never wrapped
 * twice. */

namespace
{

const char *const painting_operators[] = {
  "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Tj", "TJ", "'", "\"", "Do", "sh", "BI",
};

bool
is_painting (std::string const &op)
{
  for (const char *name : painting_operators)
    if (op == name)
      return true;
  return false;
}

/* Reads the content token by token, without copying it: the output is the input's stretches,
 * with the artifacts' operators between them. */
class ArtifactMarker
{
public:
  ArtifactMarker (const char *content,
                  size_t      length);
  bool run_through ();

  std::string output;

private:
  void handle_operator (std::string const &op,
                        size_t             operands_start,
                        size_t             end);
  void flush_run (size_t end);

  const char *content;
  size_t length;
  size_t copied = 0;             /* the input up to here is in the output */
  size_t run_start = 0;          /* where the run began: the end of the last sequence apart */

  std::string operand_tag;       /* the first name since the last operator: a sequence's tag */
  bool operand_dict = false;     /* an inline property list since the last operator */
  bool operand_mcid = false;     /* … with an /MCID: the sequence is tagged content */

  int run_depth = 0;             /* marked sequences open inside the run */
  bool run_paints = false;
  bool run_unsafe = false;

  int depth = 0;                 /* marked sequences open outside any run */
  bool in_text = false;
};

ArtifactMarker::ArtifactMarker (const char *content,
                                size_t      length)
  : content (content), length (length)
{
  output.reserve (length + length / 64);
}

bool
ArtifactMarker::run_through ()
{
  Buffer buffer (reinterpret_cast<unsigned char *> (const_cast<char *> (content)), length);
  auto input = std::make_shared<BufferInputSource> ("page content", &buffer);
  QPDFTokenizer tokenizer;
  size_t operands_start = 0;

  tokenizer.allowEOF ();
  for (;;)
    {
      QPDFTokenizer::Token token = tokenizer.readToken (input, "page content", true);
      QPDFTokenizer::token_type_e type = token.getType ();

      if (type == QPDFTokenizer::tt_bad)
        return false;
      if (type == QPDFTokenizer::tt_eof)
        break;
      if (type == QPDFTokenizer::tt_word)
        {
          size_t end = static_cast<size_t> (input->tell ());

          handle_operator (token.getValue (), operands_start, end);
          operands_start = end;
          if (token.getValue () == "ID")
            tokenizer.expectInlineImage (input);
        }
      else if (type == QPDFTokenizer::tt_name)
        {
          if (operand_tag.empty ())
            operand_tag = token.getValue ();
          else if (token.getValue () == "/MCID")
            operand_mcid = true;
        }
      else if (type == QPDFTokenizer::tt_dict_open)
        operand_dict = true;
    }
  flush_run (length);
  output.append (content + copied, length - copied);
  return true;
}

void
ArtifactMarker::handle_operator (std::string const &op,
                                 size_t             operands_start,
                                 size_t             end)
{
  bool begins = op == "BDC" || op == "BMC";
  /* Tagged content, an artifact already, or a property list named in the resources that could
   * hold an /MCID. */
  bool apart = begins && (operand_tag == "/Artifact" || (op == "BDC" && (!operand_dict || operand_mcid)));

  if (depth == 0 && apart && run_depth == 0 && !in_text)
    {
      flush_run (operands_start);
      depth = 1;
    }
  else if (depth > 0)
    {
      if (begins)
        depth++;
      else if (op == "EMC" && --depth == 0)
        run_start = end;
    }
  else
    {
      if (begins)
        {
          run_depth++;
          if (apart && operand_tag != "/Artifact")
            run_unsafe = true;
        }
      else if (op == "EMC")
        {
          if (run_depth == 0)
            run_unsafe = true;
          else
            run_depth--;
        }
      else if (is_painting (op))
        run_paints = true;
    }

  if (op == "BT")
    in_text = true;
  else if (op == "ET")
    in_text = false;
  operand_tag.clear ();
  operand_dict = false;
  operand_mcid = false;
}

/* Ends the run at @end, wrapped when it draws anything. */
void
ArtifactMarker::flush_run (size_t end)
{
  if (run_paints && !run_unsafe && run_depth == 0 && !in_text)
    {
      output.append (content + copied, run_start - copied);
      output += "\n/Artifact BMC\n";
      output.append (content + run_start, end - run_start);
      output += "\nEMC\n";
      copied = end;
    }
  run_depth = 0;
  run_paints = false;
  run_unsafe = false;
}

} /* namespace */

GBytes *
scholia_pdf_mark_artifacts (const char  *content,
                            gsize        length,
                            GError     **error)
{
  if (length == 0)
    return g_bytes_new (NULL, 0);
  try
    {
      ArtifactMarker marker (content, length);

      if (!marker.run_through ())
        {
          g_set_error_literal (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                               _("a page’s content could not be read to mark its running heads and folios"));
          return NULL;
        }
      return g_bytes_new (marker.output.data (), marker.output.size ());
    }
  catch (std::exception const &exception)
    {
      /* Translators: the reason is qpdf's own message, in English */
      g_set_error (error, SCHOLIA_ERROR, SCHOLIA_ERROR_CORRUPT,
                   _("a page’s content could not be read to mark its running heads and folios: %s"),
                   exception.what ());
      return NULL;
    }
}
