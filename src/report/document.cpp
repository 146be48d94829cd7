// Document model helpers: builders, validation, header layout, cell display.
#include "report/document.h"

#include <algorithm>

namespace ntm::report {

Cell Cell::of_text(std::string text, Align align) {
  Cell c;
  c.kind = Kind::Text;
  c.text = std::move(text);
  c.align = align;
  return c;
}

namespace {

Cell number_cell(double value, NumberKind kind, int decimals, Rounding rounding) {
  Cell c;
  c.kind = Cell::Kind::Number;
  c.number = value;
  c.number_kind = kind;
  c.decimals = kind == NumberKind::Integer ? 0 : std::clamp(decimals, 0, 10);
  c.rounding = rounding;
  return c;
}

// Quotes a table title for messages: "bảng 'Biểu 01. ...'" or "bảng số 3".
std::string table_name(const Table& t, std::size_t index) {
  if (!t.title.empty()) return "Bảng '" + t.title + "'";
  return "Bảng thứ " + std::to_string(index + 1);
}

int row_width(const std::vector<Cell>& row) {
  long long w = 0;
  for (const Cell& c : row) w += c.colspan;
  return static_cast<int>(std::min<long long>(w, 1LL << 30));
}

}  // namespace

Cell Cell::integer(double value) { return number_cell(value, NumberKind::Integer, 0, Rounding::HalfUp); }
Cell Cell::decimal(double value, int decimals, Rounding rounding) {
  return number_cell(value, NumberKind::Decimal, decimals, rounding);
}
Cell Cell::percent(double value, int decimals, Rounding rounding) {
  return number_cell(value, NumberKind::Percent, decimals, rounding);
}
Cell Cell::money(double value, int decimals) {
  return number_cell(value, NumberKind::Money, decimals, Rounding::HalfUp);
}

Heading& Document::add_heading(int level, std::string text) {
  return std::get<Heading>(blocks.emplace_back(Heading{level, std::move(text)}));
}

Paragraph& Document::add_paragraph(std::string text) {
  Paragraph p;
  if (!text.empty()) {
    Run r;
    r.text = std::move(text);
    p.runs.push_back(std::move(r));
  }
  return std::get<Paragraph>(blocks.emplace_back(std::move(p)));
}

List& Document::add_list(bool numbered) {
  return std::get<List>(blocks.emplace_back(List{numbered, {}}));
}

Table& Document::add_table(std::string title) {
  Table t;
  t.title = std::move(title);
  return std::get<Table>(blocks.emplace_back(std::move(t)));
}

Chart& Document::add_chart(Chart::Kind kind, std::string title) {
  Chart c;
  c.kind = kind;
  c.title = std::move(title);
  return std::get<Chart>(blocks.emplace_back(std::move(c)));
}

void Document::add_page_break() { blocks.emplace_back(PageBreak{}); }

HeaderLayout layout_header(const Table& table) {
  HeaderLayout out;
  out.rows = static_cast<int>(table.header.size());
  if (out.rows == 0) return out;
  for (const HeaderCell& h : table.header[0]) {
    if (h.colspan < 1 || h.rowspan < 1)
      throw DocumentError("Ô tiêu đề '" + h.text + "' có số dòng/cột gộp nhỏ hơn 1");
    out.cols += h.colspan;
    if (out.cols > kMaxColumns)
      throw DocumentError("Tiêu đề có hơn " + std::to_string(kMaxColumns) + " cột (giới hạn như Excel)");
  }
  out.owner.assign(static_cast<std::size_t>(out.rows), std::vector<int>(static_cast<std::size_t>(out.cols), -1));
  for (int r = 0; r < out.rows; ++r) {
    int c = 0;
    for (const HeaderCell& h : table.header[static_cast<std::size_t>(r)]) {
      if (h.colspan < 1 || h.rowspan < 1)
        throw DocumentError("Ô tiêu đề '" + h.text + "' có số dòng/cột gộp nhỏ hơn 1");
      while (c < out.cols && out.owner[r][c] != -1) ++c;
      if (c + h.colspan > out.cols)
        throw DocumentError("Dòng tiêu đề " + std::to_string(r + 1) + ": ô '" + h.text +
                            "' vượt quá " + std::to_string(out.cols) + " cột");
      if (r + h.rowspan > out.rows)
        throw DocumentError("Ô tiêu đề '" + h.text + "' gộp " + std::to_string(h.rowspan) +
                            " dòng nhưng bảng chỉ có " + std::to_string(out.rows) + " dòng tiêu đề");
      int index = static_cast<int>(out.cells.size());
      for (int rr = r; rr < r + h.rowspan; ++rr)
        for (int cc = c; cc < c + h.colspan; ++cc) {
          if (out.owner[rr][cc] != -1)
            throw DocumentError("Ô tiêu đề '" + h.text + "' chồng lên ô '" +
                                out.cells[static_cast<std::size_t>(out.owner[rr][cc])].cell->text + "'");
          out.owner[rr][cc] = index;
        }
      out.cells.push_back(HeaderPlacement{r, c, h.rowspan, h.colspan, &h});
      c += h.colspan;
    }
  }
  for (int r = 0; r < out.rows; ++r)
    for (int c = 0; c < out.cols; ++c)
      if (out.owner[r][c] == -1)
        throw DocumentError("Dòng tiêu đề " + std::to_string(r + 1) + " thiếu ô ở cột " +
                            std::to_string(c + 1));
  return out;
}

int column_count(const Table& table) {
  if (!table.header.empty()) {
    int cols = 0;
    for (const HeaderCell& h : table.header[0]) cols += std::max(h.colspan, 1);
    return cols;
  }
  int cols = row_width(table.totals);
  for (const auto& row : table.rows) cols = std::max(cols, row_width(row));
  return cols;
}

std::vector<std::string> flat_header(const Table& table) {
  HeaderLayout layout = layout_header(table);
  std::vector<std::string> out(static_cast<std::size_t>(layout.cols));
  for (int c = 0; c < layout.cols; ++c) {
    int last = -1;
    for (int r = 0; r < layout.rows; ++r) {
      int owner = layout.owner[r][c];
      if (owner == last) continue;
      last = owner;
      const std::string& text = layout.cells[static_cast<std::size_t>(owner)].cell->text;
      if (text.empty()) continue;
      std::string& label = out[static_cast<std::size_t>(c)];
      if (!label.empty()) label += " – ";
      label += text;
    }
  }
  return out;
}

std::size_t approx_bytes(const Block& block) {
  auto runs = [](const std::vector<Run>& rs) {
    std::size_t n = 0;
    for (const Run& r : rs) n += sizeof(Run) + r.text.size() + r.footnote.size();
    return n;
  };
  auto cells = [](const std::vector<Cell>& row) {
    std::size_t n = sizeof(row);
    for (const Cell& c : row) n += sizeof(Cell) + c.text.size();
    return n;
  };
  std::size_t n = sizeof(Block);
  if (const auto* h = std::get_if<Heading>(&block)) {
    n += h->text.size();
  } else if (const auto* p = std::get_if<Paragraph>(&block)) {
    n += runs(p->runs);
  } else if (const auto* l = std::get_if<List>(&block)) {
    for (const ListItem& item : l->items) n += sizeof(ListItem) + runs(item.runs);
  } else if (const auto* t = std::get_if<Table>(&block)) {
    n += t->title.size() + t->unit.size() + cells(t->totals) + t->widths.size() * sizeof(double);
    for (const auto& row : t->header)
      for (const HeaderCell& h : row) n += sizeof(HeaderCell) + h.text.size();
    for (const auto& row : t->rows) n += cells(row);
  } else if (const auto* c = std::get_if<Chart>(&block)) {
    n += c->title.size() + c->value_axis.size();
    for (const std::string& cat : c->categories) n += sizeof(std::string) + cat.size();
    for (const Series& s : c->series) n += sizeof(Series) + s.name.size() + s.values.size() * sizeof(double);
  }
  return n;
}

void validate(const Document& doc) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (const auto* h = std::get_if<Heading>(&b)) {
      if (h->level < 1 || h->level > 4)
        throw DocumentError("Đề mục '" + h->text + "' có cấp " + std::to_string(h->level) +
                            " (chỉ từ 1 đến 4)");
    } else if (const auto* l = std::get_if<List>(&b)) {
      for (const ListItem& item : l->items)
        if (item.level < 0 || item.level > 3)
          throw DocumentError("Mục danh sách có cấp " + std::to_string(item.level) + " (chỉ từ 0 đến 3)");
    } else if (const auto* t = std::get_if<Table>(&b)) {
      std::string name = table_name(*t, i);
      int cols = 0;
      try {
        cols = layout_header(*t).cols;
      } catch (const DocumentError& e) {
        throw DocumentError(name + ": " + e.what());
      }
      if (t->header.empty()) cols = column_count(*t);
      if (cols == 0) throw DocumentError(name + " không có cột nào");
      if (cols > kMaxColumns)
        throw DocumentError(name + " có " + std::to_string(cols) + " cột, quá giới hạn " + std::to_string(kMaxColumns) +
                            " cột (như Excel)");
      if (t->rows.size() > kMaxRows)
        throw DocumentError(name + " có " + std::to_string(t->rows.size()) + " dòng, quá giới hạn " +
                            std::to_string(kMaxRows) + " dòng (như Excel)");
      auto check_row = [&](const std::vector<Cell>& row, const std::string& what) {
        for (const Cell& c : row)
          if (c.colspan < 1) throw DocumentError(name + ": " + what + " có ô gộp nhỏ hơn 1 cột");
        int w = row_width(row);
        if (w != cols)
          throw DocumentError(name + ": " + what + " có " + std::to_string(w) + " cột, tiêu đề có " +
                              std::to_string(cols) + " cột");
      };
      for (std::size_t r = 0; r < t->rows.size(); ++r) check_row(t->rows[r], "dòng " + std::to_string(r + 1));
      if (!t->totals.empty()) check_row(t->totals, "dòng tổng cộng");
      if (!t->widths.empty()) {
        if (static_cast<int>(t->widths.size()) != cols)
          throw DocumentError(name + ": có " + std::to_string(t->widths.size()) + " độ rộng cột cho " +
                              std::to_string(cols) + " cột");
        for (double w : t->widths)
          if (!(w > 0 && w < 256)) throw DocumentError(name + ": độ rộng cột phải trong khoảng (0, 255]");
      }
    } else if (const auto* m = std::get_if<Map>(&b)) {
      for (const MapArea& a : m->areas)
        if (a.klass >= static_cast<int>(m->legend.size()))
          throw DocumentError("Bản đồ '" + m->title + "': vùng " + a.code + " thuộc lớp " + std::to_string(a.klass + 1) +
                              " nhưng chú giải chỉ có " + std::to_string(m->legend.size()) + " lớp");
    } else if (const auto* c = std::get_if<Chart>(&b)) {
      std::string name = "Biểu đồ '" + c->title + "'";
      if (c->categories.empty()) throw DocumentError(name + " không có nhóm nào");
      if (c->series.empty()) throw DocumentError(name + " không có dãy số liệu nào");
      for (const Series& s : c->series)
        if (s.values.size() != c->categories.size())
          throw DocumentError(name + ": dãy '" + s.name + "' có " + std::to_string(s.values.size()) +
                              " giá trị, cần " + std::to_string(c->categories.size()));
    }
  }
}

std::string place_and_date(const Header& header) {
  std::string date = header.date.empty() ? std::string() : format_date_long(header.date);
  if (header.place.empty()) return date;
  if (date.empty()) return header.place;
  return header.place + ", " + date;
}

bool has_header_block(const Header& h) {
  return !h.issuer.empty() || !h.number.empty() || !h.place.empty() || !h.date.empty();
}

bool has_sign_off(const SignOff& s) {
  return !s.recipients.empty() || !s.signer_role.empty() || !s.signer_name.empty();
}

std::string display_text(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::Empty: return {};
    case Cell::Kind::Text: return cell.text;
    case Cell::Kind::Number: break;
  }
  NumberFormat fmt;
  fmt.decimals = cell.number_kind == NumberKind::Integer ? 0 : cell.decimals;
  fmt.rounding = cell.rounding;
  return format_number(cell.number, fmt);
}

double rounded_value(const Cell& cell) {
  int decimals = cell.number_kind == NumberKind::Integer ? 0 : cell.decimals;
  return round_to(cell.number, decimals, cell.rounding);
}

Align resolve(const Cell& cell) {
  if (cell.align != Align::Auto) return cell.align;
  return cell.kind == Cell::Kind::Number ? Align::Right : Align::Left;
}

std::vector<double> column_widths(const Table& table) {
  int cols = column_count(table);
  if (static_cast<int>(table.widths.size()) == cols) return table.widths;
  std::vector<double> out(static_cast<std::size_t>(cols), 4.0);
  auto widen = [&](int col, double w) {
    if (col < cols) out[static_cast<std::size_t>(col)] = std::max(out[static_cast<std::size_t>(col)], w);
  };
  auto body = [&](const std::vector<Cell>& row) {
    int col = 0;
    for (const Cell& c : row) {
      if (c.colspan == 1) widen(col, display_width(display_text(c)) + 2.0);
      col += c.colspan;
    }
  };
  for (const auto& row : table.rows) body(row);
  body(table.totals);
  // Header text wraps, so only its longest word has to fit.
  if (!table.header.empty()) {
    HeaderLayout layout = layout_header(table);
    for (const HeaderPlacement& p : layout.cells) {
      if (p.colspan != 1) continue;
      const std::string& text = p.cell->text;
      std::size_t start = 0;
      while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        widen(p.col, display_width(std::string_view(text).substr(start, end - start)) + 2.0);
        start = end + 1;
      }
    }
  }
  for (double& w : out) w = std::min(w, 40.0);
  return out;
}

bool is_landscape(const Table& table) {
  if (table.orientation != Table::Orientation::Auto) return table.orientation == Table::Orientation::Landscape;
  double total = 0;
  for (double w : column_widths(table)) total += w;
  return total > 100 || column_count(table) > 9;
}

AnnexTitle split_annex_title(const std::string& title) {
  std::size_t dot = title.find(". ");
  if (dot != std::string::npos) {
    std::string head = title.substr(0, dot);
    if (head.rfind("Biểu ", 0) == 0 || head.rfind("Phụ lục ", 0) == 0) return {head, title.substr(dot + 2)};
  }
  return {"", title};
}

std::string missing_line(const Map& map) {
  if (map.missing.empty()) return {};
  std::string s = "Không có ranh giới trên bản đồ (" + std::to_string(map.missing.size()) + " đơn vị): ";
  for (std::size_t i = 0; i < map.missing.size(); ++i) s += (i ? ", " : "") + map.missing[i];
  return s + ".";
}

std::vector<std::string> footnotes(const Document& doc) {
  std::vector<std::string> out;
  auto scan = [&](const std::vector<Run>& runs) {
    for (const Run& r : runs)
      if (!r.footnote.empty()) out.push_back(r.footnote);
  };
  for (const Block& b : doc.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) scan(p->runs);
    else if (const auto* l = std::get_if<List>(&b))
      for (const ListItem& item : l->items) scan(item.runs);
  }
  return out;
}

}  // namespace ntm::report
