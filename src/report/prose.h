// The office's own prose, kept in a Markdown file beside the data so that the same layout
// runs every year with new text. One section per top-level heading ("# Tồn tại, hạn chế");
// a layout asks for a section by its title or key (doc:prose), and a section the file does
// not have becomes a visible placeholder in the report.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "report/document.h"

namespace ntm::report {

// A Markdown prose file that cannot be used; the message names file:line.
class ProseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ProseSection {
  std::string title;            // as written after "# "
  std::vector<Block> blocks;    // paragraphs, "- " lists (two spaces more: one level deeper),
                                // "## " / "### " sub-headings (levels 3 and 4)
  int line = 0;                 // where the heading is, for messages
};

struct Prose {
  std::string file;                              // shown in placeholders and messages
  std::map<std::string, ProseSection> sections;  // prose_key(title) → section
};

// The key of a section title: folded (no accents, lower case), words joined by '-':
// "Tồn tại, hạn chế" → "ton-tai-han-che".
std::string prose_key(std::string_view title);

// Parses Markdown prose. Inline **bold** and *italic* are kept; text before the first
// heading is an error (it would belong to no section), as is a heading given twice.
Prose parse_prose(std::string_view text, const std::string& file);

}  // namespace ntm::report
