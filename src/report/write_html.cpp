// HTML writer: one self-contained printable page (A4 print CSS, SVG charts).
#include <algorithm>
#include <string>

#include "report/chart_svg.h"
#include "report/map_draw.h"
#include "report/writer.h"
#include "report/xml.h"

namespace ntm::report {

namespace {

constexpr const char* kStyle = R"(@page { size: A4; margin: 20mm 20mm 20mm 30mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.3; max-width: 160mm; margin: 10mm auto; color: #000; }
@media print { body { max-width: none; margin: 0; } }
table.doc-header, table.sign-off { width: 100%; border-collapse: collapse; }
table.doc-header td { vertical-align: top; text-align: center; font-size: 13pt; padding: 0; }
table.doc-header td.issuer { width: 38%; }
.rule { width: 35%; margin: 1pt auto 6pt; border-top: 1px solid #000; }
.rule.motto { width: 62%; }
.place-date { font-style: italic; font-size: 14pt; }
p.kind { text-align: center; font-weight: bold; margin: 18pt 0 0; text-indent: 0; }
p.title { text-align: center; font-weight: bold; margin: 0; text-indent: 0; }
p { text-align: justify; text-indent: 1cm; margin: 6pt 0; }
h1, h2, h3, h4 { font-size: 14pt; margin: 8pt 0 4pt; }
h1 { text-align: center; }
h4 { font-style: italic; }
ul, ol { margin: 4pt 0; padding-left: 1cm; }
ul { list-style-type: "- "; }
ul ul { list-style-type: "+ "; }
.table-title { text-align: center; font-weight: bold; text-indent: 0; margin: 10pt 0 2pt; }
.table-unit { text-align: right; font-style: italic; text-indent: 0; margin: 0 0 2pt; font-size: 12pt; }
table.data { border-collapse: collapse; width: 100%; font-size: 12pt; margin-bottom: 8pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; }
table.data th { text-align: center; vertical-align: middle; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
.r { text-align: right; white-space: nowrap; } .c { text-align: center; } .l { text-align: left; } .j { text-align: justify; }
.b { font-weight: bold; }
figure { margin: 8pt 0; text-align: center; break-inside: avoid; }
svg.chart { max-width: 100%; height: auto; }
.page-break { break-after: page; page-break-after: always; }
@page landscape { size: A4 landscape; margin: 20mm 20mm 20mm 20mm; }
section.annex { break-before: page; page-break-before: always; }
section.annex.landscape { page: landscape; }
@media screen { section.annex { border-top: 1px dashed #999; margin-top: 16pt; padding-top: 8pt; } section.annex.landscape { max-width: 247mm; } }
.annex-label { text-align: right; font-weight: bold; text-indent: 0; margin: 0; }
.annex-note { text-align: center; font-style: italic; text-indent: 0; margin: 0 0 6pt; }
figure.map img { max-width: 100%; height: auto; }
figure figcaption { font-weight: bold; margin-bottom: 4pt; }
p.map-missing { font-size: 11pt; font-style: italic; text-indent: 0; text-align: left; }
p.map-source { font-size: 9pt; text-indent: 0; text-align: left; color: #444; }
table.sign-off td { vertical-align: top; width: 50%; padding: 0; }
.recipients { font-size: 11pt; }
.recipients b { font-size: 12pt; font-style: italic; }
.signer { text-align: center; font-weight: bold; }
.signer .name { margin-top: 60pt; }
table.sign-off { margin-top: 12pt; break-inside: avoid; }
section.footnotes { font-size: 12pt; margin-top: 16pt; }
section.footnotes p { text-indent: 0; }
)";

const char* align_class(Align a) {
  switch (a) {
    case Align::Right: return "r";
    case Align::Center: return "c";
    case Align::Justify: return "j";
    default: return "l";
  }
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const Document& doc) : doc_(doc) {}

  std::string run() {
    const Header& h = doc_.header;
    std::string title = h.title.empty() ? h.kind : h.kind + " " + h.title;
    out_ += "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
            xml_escape(title) + "</title>\n<meta name=\"generator\" content=\"ntm\">\n";
    if (!doc_.provenance.empty())
      out_ += "<meta name=\"ntm-scripts\" content=\"" + xml_escape(doc_.provenance) + "\">\n";
    out_ += "<style>\n" + std::string(kStyle) +
            (doc_.landscape ? "@page { size: A4 landscape; margin: 20mm; }\nbody { max-width: 257mm; }\n" : "") +
            "</style>\n</head>\n<body>\n";
    header();
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
      if (i == doc_.sign_off_at) sign_off();
      std::visit([this](const auto& x) { block(x); }, doc_.blocks[i]);
    }
    if (doc_.sign_off_at >= doc_.blocks.size()) sign_off();
    if (!notes_.empty()) {
      out_ += "<section class=\"footnotes\">\n<hr>\n";
      for (std::size_t i = 0; i < notes_.size(); ++i) {
        std::string id = std::to_string(i + 1);
        out_ += "<p id=\"fn" + id + "\"><sup><a href=\"#fnref" + id + "\">" + id + "</a></sup> " +
                xml_escape(notes_[i]) + "</p>\n";
      }
      out_ += "</section>\n";
    }
    out_ += "</body>\n</html>\n";
    return out_;
  }

 private:
  std::string runs(const std::vector<Run>& rs) {
    std::string s;
    for (const Run& r : rs) {
      std::string t = xml_escape(r.text);
      if (r.italic) t = "<i>" + t + "</i>";
      if (r.bold) t = "<b>" + t + "</b>";
      s += t;
      if (!r.footnote.empty()) {
        notes_.push_back(r.footnote);
        std::string id = std::to_string(notes_.size());
        s += "<sup id=\"fnref" + id + "\"><a href=\"#fn" + id + "\">" + id + "</a></sup>";
      }
    }
    return s;
  }

  void header() {
    const Header& h = doc_.header;
    if (has_header_block(h)) {
      out_ += "<table class=\"doc-header\">\n<tr><td class=\"issuer\">";
      for (std::size_t i = 0; i < h.issuer.size(); ++i) {
        if (i) out_ += "<br>";
        out_ += i + 1 == h.issuer.size() ? "<b>" + xml_escape(h.issuer[i]) + "</b>" : xml_escape(h.issuer[i]);
      }
      if (!h.issuer.empty()) out_ += "<div class=\"rule\"></div>";
      out_ += "</td><td><b>" + std::string(kNationalTitle) + "</b><br><b>" + std::string(kNationalMotto) +
              "</b><div class=\"rule motto\"></div></td></tr>\n";
      out_ += "<tr><td>" + (h.number.empty() ? std::string() : "Số: " + xml_escape(h.number)) +
              "</td><td class=\"place-date\">" + xml_escape(place_and_date(h)) + "</td></tr>\n</table>\n";
    }
    if (!h.kind.empty()) out_ += "<p class=\"kind\">" + xml_escape(h.kind) + "</p>\n";
    if (!h.title.empty()) out_ += "<p class=\"title\">" + xml_escape(h.title) + "</p>\n<div class=\"rule\"></div>\n";
  }

  void block(const Heading& h) {
    std::string tag = "h" + std::to_string(h.level);
    out_ += "<" + tag + ">" + xml_escape(h.text) + "</" + tag + ">\n";
  }

  void block(const Paragraph& p) {
    std::string cls = p.align == Align::Justify || p.align == Align::Auto ? "" : std::string(" class=\"") + align_class(p.align) + "\"";
    out_ += "<p" + cls + ">" + runs(p.runs) + "</p>\n";
  }

  // Nested lists: an item deeper than the previous one opens a list inside the open
  // <li> (a jump of several levels counts as one).
  void block(const List& l) {
    const std::string open = l.numbered ? "<ol>" : "<ul>", close = l.numbered ? "</ol>" : "</ul>";
    int depth = -1;
    for (const ListItem& item : l.items) {
      int level = std::min(item.level, depth + 1);
      if (level > depth) {
        out_ += (depth >= 0 ? "\n" : "") + open + "\n";
      } else {
        out_ += "</li>\n";
        for (; depth > level; --depth) out_ += close + "</li>\n";
      }
      depth = level;
      out_ += "<li>" + runs(item.runs);
    }
    if (depth < 0) return;
    out_ += "</li>\n";
    for (; depth > 0; --depth) out_ += close + "</li>\n";
    out_ += close + "\n";
  }

  void cells(const std::vector<Cell>& row, bool bold) {
    out_ += "<tr>";
    for (const Cell& c : row) {
      std::string cls = align_class(resolve(c));
      if (bold || c.bold) cls += " b";
      out_ += "<td class=\"" + cls + "\"";
      if (c.colspan > 1) out_ += " colspan=\"" + std::to_string(c.colspan) + "\"";
      out_ += ">" + xml_escape(display_text(c)) + "</td>";
    }
    out_ += "</tr>\n";
  }

  void block(const Table& t) {
    if (t.annex) {
      out_ += std::string("<section class=\"annex") + (is_landscape(t) ? " landscape" : "") + "\">\n";
      AnnexTitle at = split_annex_title(t.title);
      if (!at.label.empty()) out_ += "<p class=\"annex-label\">" + xml_escape(at.label) + "</p>\n";
      if (!at.rest.empty()) out_ += "<p class=\"table-title\">" + xml_escape(at.rest) + "</p>\n";
      if (!t.note.empty()) out_ += "<p class=\"annex-note\">" + xml_escape(t.note) + "</p>\n";
    } else if (!t.title.empty()) {
      out_ += "<p class=\"table-title\">" + xml_escape(t.title) + "</p>\n";
    }
    if (!t.unit.empty()) out_ += "<p class=\"table-unit\">" + xml_escape(t.unit) + "</p>\n";
    out_ += "<table class=\"data\">\n<colgroup>";
    std::vector<double> widths = column_widths(t);
    double total = 0;
    for (double w : widths) total += w;
    for (double w : widths) out_ += "<col style=\"width:" + fmt_percent(w / total * 100) + "%\">";
    out_ += "</colgroup>\n";
    if (!t.header.empty()) {
      out_ += "<thead>\n";
      for (const auto& row : t.header) {
        out_ += "<tr>";
        for (const HeaderCell& h : row) {
          out_ += "<th";
          if (h.rowspan > 1) out_ += " rowspan=\"" + std::to_string(h.rowspan) + "\"";
          if (h.colspan > 1) out_ += " colspan=\"" + std::to_string(h.colspan) + "\"";
          out_ += ">" + xml_escape(h.text) + "</th>";
        }
        out_ += "</tr>\n";
      }
      out_ += "</thead>\n";
    }
    out_ += "<tbody>\n";
    for (const auto& row : t.rows) cells(row, false);
    if (!t.totals.empty()) cells(t.totals, true);
    out_ += "</tbody>\n</table>\n";
    if (t.annex) out_ += "</section>\n";
  }

  static std::string fmt_percent(double v) {
    std::string s = std::to_string(static_cast<long long>(v * 10 + 0.5));
    if (s.size() < 2) s.insert(0, "0");
    return s.substr(0, s.size() - 1) + "." + s.back();
  }

  void block(const Chart& c) { out_ += "<figure>\n" + chart_svg(c) + "</figure>\n"; }

  void block(const PageBreak&) { out_ += "<div class=\"page-break\"></div>\n"; }

  // The map drawn by cairo as an SVG picture in an <img> (its glyph ids stay its own, so two
  // maps on one page do not mix their letters), then the units it could not place.
  void block(const Map& m) {
    out_ += "<figure class=\"map\">\n";
    if (!m.title.empty()) out_ += "<figcaption>" + xml_escape(m.title) + "</figcaption>\n";
    MapSize size = map_size(m, 480);
    out_ += "<img alt=\"" + xml_escape(m.title) + "\" width=\"" + std::to_string(static_cast<int>(size.width * 4 / 3)) +
            "\" src=\"data:image/svg+xml;base64," + base64(map_svg(m, 480)) + "\">\n";
    if (!m.missing.empty()) out_ += "<p class=\"map-missing\">" + xml_escape(missing_line(m)) + "</p>\n";
    if (!m.source.empty()) out_ += "<p class=\"map-source\">" + xml_escape(m.source) + "</p>\n";
    out_ += "</figure>\n";
  }

  void sign_off() {
    const SignOff& s = doc_.sign_off;
    if (!has_sign_off(s)) return;
    out_ += "<table class=\"sign-off\">\n<tr><td class=\"recipients\">";
    if (!s.recipients.empty()) {
      out_ += "<b>Nơi nhận:</b>";
      for (const std::string& r : s.recipients) out_ += "<br>- " + xml_escape(r);
    }
    out_ += "</td><td class=\"signer\">";
    for (std::size_t i = 0; i < s.signer_role.size(); ++i) out_ += (i ? "<br>" : "") + xml_escape(s.signer_role[i]);
    if (!s.signer_name.empty()) out_ += "<div class=\"name\">" + xml_escape(s.signer_name) + "</div>";
    out_ += "</td></tr>\n</table>\n";
  }

  const Document& doc_;
  std::string out_;
  std::vector<std::string> notes_;
};

}  // namespace

std::string to_html(const Document& doc) { return HtmlWriter(doc).run(); }

}  // namespace ntm::report
