// Markdown prose sections: a small reader for what an office writes (headings, paragraphs,
// "-" lists, bold and italic), not a full CommonMark parser.
#include "report/prose.h"

#include "model/text.h"

namespace ntm::report {

namespace {

std::string trim(std::string_view s) {
  std::size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return {};
  std::size_t b = s.find_last_not_of(" \t\r");
  return std::string(s.substr(a, b - a + 1));
}

// Runs from inline Markdown: **bold**, *italic* (or _italic_); an unclosed marker is text.
std::vector<Run> inline_runs(const std::string& text) {
  std::vector<Run> runs;
  std::string plain;
  auto flush = [&] {
    if (!plain.empty()) runs.push_back(Run{plain, false, false, {}});
    plain.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    bool bold = text.compare(i, 2, "**") == 0;
    bool italic = !bold && (text[i] == '*' || text[i] == '_');
    if (bold || italic) {
      std::string marker = bold ? "**" : std::string(1, text[i]);
      std::size_t end = text.find(marker, i + marker.size());
      if (end != std::string::npos && end > i + marker.size()) {
        flush();
        runs.push_back(Run{text.substr(i + marker.size(), end - i - marker.size()), bold, italic, {}});
        i = end + marker.size();
        continue;
      }
    }
    plain += text[i++];
  }
  flush();
  return runs;
}

}  // namespace

std::string prose_key(std::string_view title) {
  std::string folded = fold(title), out;
  for (char c : folded) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

Prose parse_prose(std::string_view text, const std::string& file) {
  Prose prose;
  prose.file = file;
  ProseSection* current = nullptr;
  std::string paragraph;
  auto end_paragraph = [&] {
    if (!paragraph.empty() && current) {
      Paragraph p;
      p.runs = inline_runs(paragraph);
      current->blocks.emplace_back(std::move(p));
    }
    paragraph.clear();
  };
  auto where = [&](int line) { return file + ":" + std::to_string(line); };
  int line_no = 0;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;   // a BOM from Notepad
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    std::string line = trim(raw);
    if (line.empty()) {
      end_paragraph();
      continue;
    }
    std::size_t hashes = line.find_first_not_of('#');
    if (hashes != std::string::npos && hashes > 0 && hashes <= 4 && line[hashes] == ' ') {
      end_paragraph();
      std::string title = trim(std::string_view(line).substr(hashes + 1));
      if (hashes == 1) {
        std::string key = prose_key(title);
        if (key.empty()) throw ProseError(where(line_no) + ": đề mục rỗng");
        auto [it, fresh] = prose.sections.try_emplace(key);
        if (!fresh)
          throw ProseError(where(line_no) + ": mục '" + title + "' đã có ở dòng " + std::to_string(it->second.line));
        it->second.title = title;
        it->second.line = line_no;
        current = &it->second;
      } else {
        if (!current) throw ProseError(where(line_no) + ": đề mục phụ trước mục đầu tiên (cần một dòng \"# Tên mục\" trước)");
        current->blocks.emplace_back(Heading{hashes == 2 ? 3 : 4, title});
      }
      continue;
    }
    if (!current)
      throw ProseError(where(line_no) + ": nội dung trước mục đầu tiên (mỗi mục bắt đầu bằng một dòng \"# Tên mục\")");
    std::size_t indent = raw.find_first_not_of(" \t");
    bool bullet = (line[0] == '-' || line[0] == '+' || line[0] == '*') && line.size() > 1 && line[1] == ' ';
    if (bullet) {
      end_paragraph();
      ListItem item;
      item.level = std::min(3, static_cast<int>(indent / 2) + (line[0] == '+' ? 1 : 0));
      item.runs = inline_runs(trim(std::string_view(line).substr(2)));
      List* last = current->blocks.empty() ? nullptr : std::get_if<List>(&current->blocks.back());
      if (!last) last = &std::get<List>(current->blocks.emplace_back(List{false, {}}));
      last->items.push_back(std::move(item));
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += line;
  }
  end_paragraph();
  return prose;
}

}  // namespace ntm::report
