// Filling an office's own Word template: `ntm report LAYOUT --template FILE.docx -o OUT.docx`.
// The office designs the document in Word (styles, header, footer, numbering, logos) and
// writes placeholders `{{tinh}}` where figures go; ntm fills them from the fields the layout
// published (doc:fields) and leaves every other byte of the template as it was.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "report/document.h"

namespace ntm::report {

struct FilledTemplate {
  std::string bytes;                    // the .docx package
  std::vector<std::string> unknown;     // placeholders the layout has no field for (left as written)
  int replaced = 0;                     // placeholders filled
};

// Fills `template_path` with doc.fields and doc.lists:
// - `{{name}}` (spaces inside the braces allowed) in the body, headers, footers and footnotes
//   is replaced by the field's text, also when Word split the placeholder across runs (the
//   text takes the formatting of the run where the placeholder starts);
// - a table row holding `{{list.key}}` is repeated once per item of the list `list`, in
//   order (removed when the list is empty);
// - paragraphs without a placeholder, and every other part of the package, are copied
//   byte for byte.
// Throws WriteError when the template is not a readable .docx.
FilledTemplate fill_template(const std::filesystem::path& template_path, const Document& doc);

// The placeholder names in a template's body, headers and footers, in order of appearance.
std::vector<std::string> template_placeholders(const std::filesystem::path& template_path);

}  // namespace ntm::report
