// Markdown writer (CommonMark + GFM pipe tables and footnotes).
#include <string>

#include "report/writer.h"

namespace ntm::report {

namespace {

// Escapes characters that Markdown would read as markup.
std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': case '*': case '_': case '`': case '[': case ']': case '<': case '>': case '|':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// Escapes a paragraph start that would otherwise become a heading, list or quote.
std::string escape_start(std::string text) {
  if (text.empty()) return text;
  char c = text[0];
  if (c == '#' || c == '-' || c == '+' || c == '=') return "\\" + text;
  std::size_t i = 0;
  while (i < text.size() && i < 9 && text[i] >= '0' && text[i] <= '9') ++i;
  if (i > 0 && i < text.size() && (text[i] == '.' || text[i] == ')')) text.insert(i, "\\");
  return text;
}

// Wraps `text` in `marker`, keeping surrounding spaces outside (CommonMark needs that).
std::string emphasize(const std::string& text, const std::string& marker) {
  std::size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos || marker.empty()) return text;
  std::size_t last = text.find_last_not_of(' ');
  return text.substr(0, first) + marker + text.substr(first, last - first + 1) + marker + text.substr(last + 1);
}

class MarkdownWriter {
 public:
  explicit MarkdownWriter(const Document& doc) : doc_(doc) {}

  std::string run() {
    header();
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      if (i == doc_.sign_off_at) sign_off();
      std::visit([this](const auto& x) { block(x); }, doc_.blocks[i]);
    }
    if (doc_.sign_off_at >= doc_.blocks.size()) sign_off();
    if (!notes_.empty()) {
      for (std::size_t i = 0; i < notes_.size(); ++i)
        out_ += "[^" + std::to_string(i + 1) + "]: " + escape(notes_[i]) + "\n";
      out_ += "\n";
    }
    while (out_.size() >= 2 && out_[out_.size() - 1] == '\n' && out_[out_.size() - 2] == '\n') out_.pop_back();
    if (!doc_.provenance.empty()) {
      std::string text = doc_.provenance;
      for (std::size_t at; (at = text.find("--")) != std::string::npos;) text.replace(at, 2, "- -");   // no "--" in a comment
      out_ += "\n<!-- ntm:\n" + text + "-->\n";
    }
    return out_;
  }

 private:
  std::string runs(const std::vector<Run>& rs) {
    std::string text;
    for (const Run& r : rs) {
      std::string marker = r.bold && r.italic ? "***" : r.bold ? "**" : r.italic ? "*" : "";
      text += emphasize(escape(r.text), marker);
      if (!r.footnote.empty()) {
        notes_.push_back(r.footnote);
        text += "[^" + std::to_string(notes_.size()) + "]";
      }
    }
    return text;
  }

  void header() {
    const Header& h = doc_.header;
    if (has_header_block(h)) {
      std::vector<std::string> left;
      for (std::size_t i = 0; i < h.issuer.size(); ++i)
        left.push_back(i + 1 == h.issuer.size() ? "**" + escape(h.issuer[i]) + "**" : escape(h.issuer[i]));
      if (!h.number.empty()) left.push_back("Số: " + escape(h.number));
      lines(left);
      std::vector<std::string> right = {"**" + std::string(kNationalTitle) + "**",
                                        "**" + std::string(kNationalMotto) + "**"};
      std::string pd = place_and_date(h);
      if (!pd.empty()) right.push_back("*" + escape(pd) + "*");
      lines(right);
    }
    if (!h.kind.empty()) out_ += "# " + escape(h.kind) + "\n\n";
    if (!h.title.empty()) out_ += "**" + escape(h.title) + "**\n\n";
  }

  // Lines of one block joined by hard line breaks.
  void lines(const std::vector<std::string>& ls) {
    if (ls.empty()) return;
    for (std::size_t i = 0; i < ls.size(); ++i) out_ += ls[i] + (i + 1 < ls.size() ? "\\\n" : "\n");
    out_ += "\n";
  }

  void block(const Heading& h) {
    out_ += std::string(static_cast<std::size_t>(h.level + 1), '#') + " " + escape(h.text) + "\n\n";
  }

  void block(const Paragraph& p) { out_ += escape_start(runs(p.runs)) + "\n\n"; }

  void block(const List& l) {
    std::vector<int> counters(4, 0);
    for (const ListItem& item : l.items) {
      std::size_t level = static_cast<std::size_t>(item.level);
      for (std::size_t k = level + 1; k < counters.size(); ++k) counters[k] = 0;
      std::string indent(level * (l.numbered ? 3 : 2), ' ');
      std::string marker = l.numbered ? std::to_string(++counters[level]) + ". " : "- ";
      out_ += indent + marker + runs(item.runs) + "\n";
    }
    out_ += "\n";
  }

  void table_row(const std::vector<std::string>& cells) {
    out_ += "|";
    for (const std::string& c : cells) out_ += " " + c + " |";
    out_ += "\n";
  }

  void block(const Table& t) {
    if (t.annex) out_ += "---\n\n";
    if (!t.title.empty()) out_ += "**" + escape(t.title) + "**\n\n";
    if (!t.note.empty()) out_ += "*" + escape(t.note) + "*\n\n";
    if (!t.unit.empty()) out_ += "*" + escape(t.unit) + "*\n\n";
    int cols = column_count(t);
    std::vector<std::string> head;
    if (!t.header.empty()) {
      for (const std::string& label : flat_header(t)) head.push_back(escape(label));
    } else {
      head.assign(static_cast<std::size_t>(cols), "");
    }
    std::vector<bool> numeric(static_cast<std::size_t>(cols), false);
    auto scan = [&](const std::vector<Cell>& row) {
      int col = 0;
      for (const Cell& c : row) {
        if (c.colspan == 1 && resolve(c) == Align::Right) numeric[static_cast<std::size_t>(col)] = true;
        col += c.colspan;
      }
    };
    for (const auto& row : t.rows) scan(row);
    table_row(head);
    std::vector<std::string> rule;
    for (bool n : numeric) rule.push_back(n ? "---:" : "---");
    table_row(rule);
    auto body = [&](const std::vector<Cell>& row, bool bold) {
      std::vector<std::string> cells;
      for (const Cell& c : row) {
        std::string text = escape(display_text(c));
        cells.push_back((bold || c.bold) && !text.empty() ? "**" + text + "**" : text);
        for (int k = 1; k < c.colspan; ++k) cells.emplace_back();
      }
      table_row(cells);
    };
    for (const auto& row : t.rows) body(row, false);
    if (!t.totals.empty()) body(t.totals, true);
    out_ += "\n";
  }

  void block(const Chart& c) {
    if (!c.title.empty()) out_ += "**" + escape(c.title) + "**\n\n";
    std::vector<std::string> head = {""};
    for (const Series& s : c.series) head.push_back(escape(s.name));
    table_row(head);
    std::vector<std::string> rule = {"---"};
    for (std::size_t i = 0; i < c.series.size(); ++i) rule.push_back("---:");
    table_row(rule);
    NumberFormat fmt;
    fmt.decimals = c.decimals;
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
      std::vector<std::string> row = {escape(c.categories[i])};
      for (const Series& s : c.series) row.push_back(format_number(s.values[i], fmt));
      table_row(row);
    }
    out_ += "\n";
  }

  void block(const PageBreak&) { out_ += "---\n\n"; }

  // A map is a picture; Markdown gets its legend and the units it could not place.
  void block(const Map& m) {
    if (!m.title.empty()) out_ += "**" + escape(m.title) + "**\n\n";
    for (const MapLegendItem& l : m.legend) out_ += "- " + escape(l.label) + ": " + std::to_string(l.count) + "\n";
    out_ += "\n";
    if (!m.missing.empty()) {
      out_ += "*" + escape(missing_line(m)) + "*\n\n";
    }
  }

  void sign_off() {
    const SignOff& s = doc_.sign_off;
    if (!s.recipients.empty()) {
      out_ += "***Nơi nhận:***\n\n";
      for (const std::string& r : s.recipients) out_ += "- " + escape(r) + "\n";
      out_ += "\n";
    }
    std::vector<std::string> sig;
    for (const std::string& role : s.signer_role) sig.push_back("**" + escape(role) + "**");
    lines(sig);
    if (!s.signer_name.empty()) out_ += "**" + escape(s.signer_name) + "**\n\n";
  }

  const Document& doc_;
  std::string out_;
  std::vector<std::string> notes_;
};

}  // namespace

std::string to_markdown(const Document& doc) { return MarkdownWriter(doc).run(); }

}  // namespace ntm::report
