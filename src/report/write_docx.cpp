// Word writer: word/document.xml for the official layout, packaged with docx_parts.
#include <algorithm>
#include <cmath>
#include <string>

#include "report/docx_parts.h"
#include "report/map_draw.h"
#include "report/writer.h"
#include "report/xml.h"

namespace ntm::report {

namespace {

using docx::kTextWidth;

// Run properties; `size` in half points (0: style default).
struct RunStyle {
  bool bold = false, italic = false, underline = false;
  int size = 0;
};

std::string rpr(const RunStyle& s) {
  std::string p;
  if (s.bold) p += "<w:b/><w:bCs/>";
  if (s.italic) p += "<w:i/><w:iCs/>";
  if (s.size) p += "<w:sz w:val=\"" + std::to_string(s.size) + "\"/><w:szCs w:val=\"" + std::to_string(s.size) + "\"/>";
  if (s.underline) p += "<w:u w:val=\"single\"/>";
  return p.empty() ? p : "<w:rPr>" + p + "</w:rPr>";
}

// A run of text; tabs and line breaks become w:tab and w:br.
std::string run(std::string_view text, const RunStyle& s = {}) {
  std::string out = "<w:r>" + rpr(s);
  std::string chunk;
  auto flush = [&] {
    if (!chunk.empty()) out += "<w:t xml:space=\"preserve\">" + xml_escape(chunk) + "</w:t>";
    chunk.clear();
  };
  for (char c : text) {
    if (c == '\n') { flush(); out += "<w:br/>"; }
    else if (c == '\t') { flush(); out += "<w:tab/>"; }
    else if (c != '\r') chunk += c;
  }
  flush();
  return out + "</w:r>";
}

const char* jc(Align a) {
  switch (a) {
    case Align::Center: return "center";
    case Align::Right: return "right";
    case Align::Justify: return "both";
    default: return "left";
  }
}

// A paragraph with the given inner pPr XML.
std::string para(const std::string& ppr, const std::string& runs) {
  return "<w:p>" + (ppr.empty() ? std::string() : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}

std::string centered(const std::string& runs, const std::string& extra = "") {
  return para(extra + "<w:jc w:val=\"center\"/>", runs);
}

// A short horizontal rule `width` twips wide, centered in a space `room` twips wide:
// an empty paragraph with a top border, narrowed by indents.
std::string rule(int width, int room) {
  int side = std::max(0, (room - width) / 2);
  return "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
         "<w:spacing w:before=\"60\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:left=\"" +
         std::to_string(side) + "\" w:right=\"" + std::to_string(side) +
         "\"/><w:rPr><w:sz w:val=\"8\"/><w:szCs w:val=\"8\"/></w:rPr></w:pPr></w:p>";
}

std::string borders(const char* val) {
  std::string b;
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    b += std::string("<w:") + side + " w:val=\"" + val + "\" w:sz=\"4\" w:space=\"0\" w:color=\"" +
         (std::string(val) == "nil" ? "auto" : "000000") + "\"/>";
  return "<w:tblBorders>" + b + "</w:tblBorders>";
}

// Opening of a table with fixed column widths (twips) and borders or none.
std::string table_start(const std::vector<int>& widths, bool bordered) {
  int total = 0;
  for (int w : widths) total += w;
  std::string s = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) +
                  "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>" + borders(bordered ? "single" : "nil") +
                  "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"" + (bordered ? "57" : "0") +
                  "\" w:type=\"dxa\"/><w:right w:w=\"" + (bordered ? "57" : "0") +
                  "\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>";
  for (int w : widths) s += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  return s + "</w:tblGrid>";
}

// A table cell: width, horizontal span, vertical merge ("" none, "restart", "continue").
std::string cell(int width, int span, const std::string& vmerge, const std::string& paragraphs,
                 bool center_vertically = true) {
  std::string s = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (span > 1) s += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
  if (vmerge == "restart") s += "<w:vMerge w:val=\"restart\"/>";
  else if (vmerge == "continue") s += "<w:vMerge/>";
  if (center_vertically) s += "<w:vAlign w:val=\"center\"/>";
  return s + "</w:tcPr>" + (paragraphs.empty() ? "<w:p/>" : paragraphs) + "</w:tc>";
}

// Scales relative widths to twips summing exactly to `total`.
std::vector<int> twips(const std::vector<double>& rel, int total) {
  double sum = 0;
  for (double w : rel) sum += w;
  std::vector<int> out;
  int used = 0;
  for (std::size_t i = 0; i < rel.size(); ++i) {
    int w = i + 1 == rel.size() ? total - used : static_cast<int>(std::lround(rel[i] / sum * total));
    out.push_back(w);
    used += w;
  }
  return out;
}

// Twips a word takes at 12 pt Times New Roman (about 0.55 em a character, bold a little
// more), plus the cell margins.
int word_twips(std::string_view word, bool bold) {
  return static_cast<int>(display_width(word) * (bold ? 140 : 128)) + 2 * 57 + 20;
}

// Widens the columns whose longest word (a commune code, a number) would break across
// lines, taking the room from the widest columns, so that "03166" or "1.986.281" always
// stays on one line.
std::vector<int> fit_words(const Table& t, std::vector<int> widths) {
  const int cols = static_cast<int>(widths.size());
  std::vector<int> need(widths.size(), 0);
  auto scan = [&](const std::vector<Cell>& row, bool bold) {
    int col = 0;
    for (const Cell& c : row) {
      if (c.colspan == 1 && col < cols) {
        std::string text = display_text(c);
        std::size_t start = 0;
        while (start <= text.size()) {
          std::size_t end = text.find(' ', start);
          if (end == std::string::npos) end = text.size();
          need[static_cast<std::size_t>(col)] =
              std::max(need[static_cast<std::size_t>(col)], word_twips(std::string_view(text).substr(start, end - start), bold || c.bold));
          start = end + 1;
        }
      }
      col += c.colspan;
    }
  };
  for (const auto& row : t.rows) scan(row, false);
  scan(t.totals, true);
  for (int guard = 0; guard < 64; ++guard) {
    int short_col = -1;
    for (int c = 0; c < cols; ++c)
      if (widths[static_cast<std::size_t>(c)] < need[static_cast<std::size_t>(c)]) { short_col = c; break; }
    if (short_col < 0) break;
    int missing = need[static_cast<std::size_t>(short_col)] - widths[static_cast<std::size_t>(short_col)];
    // Take it from the column with the most room to spare.
    int donor = -1, spare = 0;
    for (int c = 0; c < cols; ++c) {
      int s = widths[static_cast<std::size_t>(c)] - std::max(need[static_cast<std::size_t>(c)], 400);
      if (c != short_col && s > spare) { spare = s; donor = c; }
    }
    if (donor < 0) break;
    int moved = std::min(missing, spare);
    widths[static_cast<std::size_t>(donor)] -= moved;
    widths[static_cast<std::size_t>(short_col)] += moved;
  }
  return widths;
}

class DocxWriter {
 public:
  explicit DocxWriter(const Document& doc) : doc_(doc), landscape_(doc.landscape) {}

  std::string body() {
    std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"" +
                    std::string(docx::kNamespaceW) + "\" xmlns:r=\"" + docx::kNamespaceR + "\" xmlns:wp=\"" + docx::kNamespaceWp + "\"><w:body>\n";
    out_ = &s;
    header();
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      if (i == doc_.sign_off_at) sign_off();
      std::visit([this](const auto& x) { block(x); }, doc_.blocks[i]);
    }
    if (doc_.sign_off_at >= doc_.blocks.size()) sign_off();
    s += "<w:p/>\n";  // Word wants a paragraph between a final table and the section
    s += section_properties() + "\n</w:body></w:document>\n";
    return s;
  }

  // The w:sectPr of the section being written: A4 portrait with the margins of Nghị định
  // 30 (no page number on the first page), or A4 landscape for wide annex tables.
  std::string section_properties() const {
    bool land = landscape_;
    int w = land ? docx::kPageHeight : docx::kPageWidth, h = land ? docx::kPageWidth : docx::kPageHeight;
    int left = land ? docx::kMarginRight : docx::kMarginLeft;
    return std::string("<w:sectPr><w:headerReference w:type=\"default\" r:id=\"") + docx::kHeaderRel +
           "\"/><w:pgSz w:w=\"" + std::to_string(w) + "\" w:h=\"" + std::to_string(h) + "\"" +
           (land ? " w:orient=\"landscape\"" : "") + "/><w:pgMar w:top=\"" + std::to_string(docx::kMarginTop) +
           "\" w:right=\"" + std::to_string(docx::kMarginRight) + "\" w:bottom=\"" + std::to_string(docx::kMarginBottom) +
           "\" w:left=\"" + std::to_string(left) + "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>" +
           (first_section_ ? "<w:titlePg/>" : "") + "</w:sectPr>";
  }

  int text_width() const {
    return landscape_ ? docx::kPageHeight - 2 * docx::kMarginRight : kTextWidth;
  }

  // Ends the current section (its properties ride on an empty paragraph) so that what
  // follows starts on a new page with its own orientation.
  void new_section(bool landscape) {
    emit("<w:p><w:pPr>" + section_properties() + "</w:pPr></w:p>");
    first_section_ = false;
    landscape_ = landscape;
  }

  const std::vector<std::string>& notes() const { return notes_; }
  const std::vector<const Chart*>& charts() const { return charts_; }
  const std::vector<std::string>& images() const { return images_; }

 private:
  void emit(const std::string& xml) { *out_ += xml + "\n"; }

  std::string runs(const std::vector<Run>& rs) {
    std::string s;
    for (const Run& r : rs) {
      if (!r.text.empty()) s += run(r.text, RunStyle{r.bold, r.italic, false, 0});
      if (!r.footnote.empty()) {
        notes_.push_back(r.footnote);
        s += "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"" +
             std::to_string(notes_.size()) + "\"/></w:r>";
      }
    }
    return s;
  }

  // Two-column borderless table: issuing body and number on the left, national title,
  // motto and place/date on the right.
  void header() {
    const Header& h = doc_.header;
    if (has_header_block(h)) {
      const int left = 3969, right = text_width() - left;
      std::string l, r;
      for (std::size_t i = 0; i < h.issuer.size(); ++i) {
        bool body = i + 1 == h.issuer.size();
        l += centered(run(h.issuer[i], RunStyle{body, false, false, 26}));
      }
      if (!h.issuer.empty()) l += rule(1300, left);
      r += centered(run(kNationalTitle, RunStyle{true, false, false, 24}));
      r += centered(run(kNationalMotto, RunStyle{true, false, false, 26}));
      r += rule(3600, right);
      std::string num = h.number.empty() ? std::string() : centered(run("Số: " + h.number, RunStyle{false, false, false, 26}));
      std::string pd = place_and_date(h);
      std::string date = pd.empty() ? std::string() : centered(run(pd, RunStyle{false, true, false, 28}));
      emit(table_start({left, right}, false) + "<w:tr>" + cell(left, 1, "", l, false) + cell(right, 1, "", r, false) +
           "</w:tr><w:tr>" + cell(left, 1, "", num, false) + cell(right, 1, "", date, false) + "</w:tr></w:tbl>");
    }
    if (!h.kind.empty())
      emit(centered(run(h.kind, RunStyle{true}), "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"0\"/>"));
    if (!h.title.empty()) {
      emit(centered(run(h.title, RunStyle{true}), "<w:keepNext/>"));
      emit(rule(2200, text_width()));
    }
  }

  void block(const Heading& h) {
    emit(para("<w:pStyle w:val=\"Heading" + std::to_string(h.level) + "\"/>", run(h.text)));
  }

  void block(const Paragraph& p) {
    std::string ppr = "<w:pStyle w:val=\"NtmBody\"/>";
    if (p.align != Align::Justify && p.align != Align::Auto) ppr += std::string("<w:jc w:val=\"") + jc(p.align) + "\"/>";
    emit(para(ppr, runs(p.runs)));
  }

  // List markers are typed as text the way the reports do ("- ", "+ ", "1. ", "a) ").
  void block(const List& l) {
    std::vector<int> counters(4, 0);
    for (const ListItem& item : l.items) {
      std::size_t level = static_cast<std::size_t>(item.level);
      for (std::size_t k = level + 1; k < counters.size(); ++k) counters[k] = 0;
      int n = ++counters[level];
      std::string marker;
      if (l.numbered && level == 0) marker = std::to_string(n) + ". ";
      else if (l.numbered && level == 1) marker = std::string(1, static_cast<char>('a' + (n - 1) % 26)) + ") ";
      else marker = level % 2 == 0 ? "- " : "+ ";
      std::string ppr = "<w:pStyle w:val=\"NtmBody\"/>";
      if (level > 0) ppr += "<w:ind w:left=\"" + std::to_string(567 * level) + "\" w:firstLine=\"567\"/>";
      emit(para(ppr, run(marker) + runs(item.runs)));
    }
  }

  std::string cell_paragraph(const std::string& text, Align align, bool bold) {
    return para(std::string("<w:pStyle w:val=\"NtmTableText\"/><w:jc w:val=\"") + jc(align) + "\"/>",
                text.empty() ? "" : run(text, RunStyle{bold}));
  }

  void table_caption(const std::string& title, const std::string& unit) {
    if (!title.empty()) emit(para("<w:pStyle w:val=\"NtmTableTitle\"/>", run(title)));
    if (!unit.empty())
      emit(para("<w:keepNext/><w:spacing w:before=\"0\" w:after=\"60\"/><w:jc w:val=\"right\"/>",
                run(unit, RunStyle{false, true, false, 24})));
  }

  void block(const Table& t) {
    if (t.annex) {
      new_section(is_landscape(t));
      AnnexTitle at = split_annex_title(t.title);
      if (!at.label.empty()) emit(para("<w:keepNext/><w:jc w:val=\"right\"/>", run(at.label, RunStyle{true})));
      if (!at.rest.empty()) emit(para("<w:keepNext/><w:spacing w:before=\"60\" w:after=\"0\"/><w:jc w:val=\"center\"/>", run(at.rest, RunStyle{true})));
      if (!t.note.empty()) emit(para("<w:keepNext/><w:spacing w:before=\"0\" w:after=\"120\"/><w:jc w:val=\"center\"/>", run(t.note, RunStyle{false, true, false, 26})));
      table_caption("", t.unit);
    } else {
      table_caption(t.title, t.unit);
    }
    std::vector<int> widths = fit_words(t, twips(column_widths(t), text_width()));
    auto span_width = [&](int col, int span) {
      int w = 0;
      for (int c = col; c < col + span; ++c) w += widths[static_cast<std::size_t>(c)];
      return w;
    };
    std::string s = table_start(widths, true);
    HeaderLayout layout = layout_header(t);
    for (int r = 0; r < layout.rows; ++r) {
      s += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
      for (int c = 0; c < layout.cols;) {
        const HeaderPlacement& p = layout.cells[static_cast<std::size_t>(layout.owner[r][c])];
        int w = span_width(p.col, p.colspan);
        if (p.row == r)
          s += cell(w, p.colspan, p.rowspan > 1 ? "restart" : "", cell_paragraph(p.cell->text, Align::Center, true));
        else
          s += cell(w, p.colspan, "continue", "");
        c += p.colspan;
      }
      s += "</w:tr>";
    }
    auto body_row = [&](const std::vector<Cell>& row, bool bold) {
      s += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
      int col = 0;
      for (const Cell& c : row) {
        s += cell(span_width(col, c.colspan), c.colspan, "", cell_paragraph(display_text(c), resolve(c), bold || c.bold));
        col += c.colspan;
      }
      s += "</w:tr>";
    };
    for (const auto& row : t.rows) body_row(row, false);
    if (!t.totals.empty()) body_row(t.totals, true);
    emit(s + "</w:tbl>");
    emit("<w:p/>");  // keeps two tables in a row apart
  }

  // Charts become native DrawingML charts (word/charts/chart<n>.xml).
  void block(const Chart& c) {
    charts_.push_back(&c);
    emit(docx::chart_drawing(c, static_cast<int>(charts_.size())));
  }

  void block(const PageBreak&) { emit("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"); }

  // A map is a PNG drawn by cairo (word/media/map<n>.png), 16 cm wide, with its title above
  // and the units it could not place under it.
  void block(const Map& m) {
    if (!m.title.empty()) emit(para("<w:pStyle w:val=\"NtmTableTitle\"/>", run(m.title)));
    images_.push_back(map_png_of(m, kWordMapWidth, kWordMapScale));
    MapSize size = map_size(m, kWordMapWidth);
    emit(docx::image_drawing(static_cast<int>(images_.size()), 16.0, 16.0 * size.height / size.width, m.title));
    if (!m.missing.empty())
      emit(para("<w:pStyle w:val=\"NtmTableText\"/><w:jc w:val=\"both\"/>", run(missing_line(m), RunStyle{false, true, false, 22})));
    if (!m.source.empty())
      emit(para("<w:pStyle w:val=\"NtmTableText\"/>", run(m.source, RunStyle{false, false, false, 18})));
  }

  // "Nơi nhận" on the left, signature on the right, in a borderless table.
  void sign_off() {
    const SignOff& so = doc_.sign_off;
    if (!has_sign_off(so)) return;
    emit(para("<w:keepNext/><w:spacing w:before=\"120\"/>", ""));
    const int half = text_width() / 2;
    std::string l, r;
    if (!so.recipients.empty()) {
      l += para("", run("Nơi nhận:", RunStyle{true, true, false, 24}));
      for (const std::string& x : so.recipients) l += para("", run("- " + x, RunStyle{false, false, false, 22}));
    }
    for (const std::string& role : so.signer_role) r += centered(run(role, RunStyle{true}));
    for (int i = 0; i < 4; ++i) r += centered("");   // room for the signature and the seal
    if (!so.signer_name.empty()) r += centered(run(so.signer_name, RunStyle{true}));
    emit(table_start({half, text_width() - half}, false) + "<w:tr><w:trPr><w:cantSplit/></w:trPr>" +
         cell(half, 1, "", l, false) + cell(text_width() - half, 1, "", r, false) + "</w:tr></w:tbl>");
  }

  const Document& doc_;
  bool landscape_;
  std::string* out_ = nullptr;
  std::vector<std::string> notes_;
  std::vector<const Chart*> charts_;
  std::vector<std::string> images_;   // PNG bytes of word/media/map<n>.png
  bool first_section_ = true;
};

}  // namespace

std::string to_docx(const Document& doc) {
  DocxWriter writer(doc);
  std::string document = writer.body();
  bool has_notes = !writer.notes().empty();
  int charts = static_cast<int>(writer.charts().size());
  int images = static_cast<int>(writer.images().size());
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", docx::content_types(has_notes, charts, images > 0)},
      {"_rels/.rels", docx::root_rels()},
      {"word/document.xml", document},
      {"word/_rels/document.xml.rels", docx::document_rels(has_notes, charts, images)},
      {"word/header1.xml", docx::page_header()},
      {"word/styles.xml", docx::styles()},
      {"word/settings.xml", docx::settings(has_notes)},
      {"docProps/core.xml", docx::core(doc, creation_time(doc))},
      {"docProps/app.xml", docx::app()},
  };
  if (has_notes) parts.push_back({"word/footnotes.xml", docx::footnotes(writer.notes())});
  for (int i = 0; i < charts; ++i)
    parts.push_back({"word/charts/chart" + std::to_string(i + 1) + ".xml", docx::chart_part(*writer.charts()[static_cast<std::size_t>(i)])});
  for (int i = 0; i < images; ++i)
    parts.push_back({"word/media/map" + std::to_string(i + 1) + ".png", writer.images()[static_cast<std::size_t>(i)]});
  return docx::zip(parts, creation_time(doc));
}

}  // namespace ntm::report
