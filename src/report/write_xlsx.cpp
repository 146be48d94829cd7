// Excel writer (libxlsxwriter): one worksheet per table, one per chart with its data
// and a native chart under it.
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <string>

#include "report/writer.h"
#include "report/xml.h"

namespace ntm::report {

namespace {

// Excel's number format for a cell kind: "#,##0", "#,##0.00"; percentages are stored as
// fractions (0.4783) and shown with Excel's percent format ("0.00%").
std::string excel_format(const Cell& c) {
  int decimals = c.number_kind == NumberKind::Integer ? 0 : c.decimals;
  std::string frac = decimals > 0 ? "." + std::string(static_cast<std::size_t>(decimals), '0') : "";
  if (c.number_kind == NumberKind::Percent) return "0" + frac + "%";
  return "#,##0" + frac;
}

// The value written for a number cell: as printed, percentages as fractions.
double stored_value(const Cell& c) {
  double v = rounded_value(c);
  if (c.number_kind != NumberKind::Percent) return v;
  int decimals = c.decimals + 2;   // 47,83 % → 0.4783, without binary leftovers
  return round_to(v / 100, decimals, Rounding::HalfUp);
}

// "A1"-style column letters.
std::string column_letters(int col) {
  std::string s;
  for (++col; col > 0; col = (col - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (col - 1) % 26));
  return s;
}

// Lines a text of display width `width` takes in a column `room` characters wide, breaking
// at spaces (a word longer than the column takes its own lines).
int lines_needed(const std::string& text, double room) {
  room = std::max(room - 1.5, 1.0);
  int lines = 1;
  double used = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    double w = display_width(std::string_view(text).substr(start, end - start));
    if (used > 0 && used + 1 + w > room) {
      ++lines;
      used = 0;
    }
    used += (used > 0 ? 1 : 0) + w;
    while (used > room) {
      ++lines;
      used -= room;
    }
    start = end + 1;
  }
  return lines;
}

// Which cells of a table become formulas. The layout gives values; a totals cell whose
// column's body adds up to it becomes =SUM(...), and a percent column that is, on every row,
// one column of the row over another (or a column over its total) becomes =A/B. The value
// stays cached in the cell, so a file read before recalculation shows the same figures.
struct FormulaPlan {
  std::vector<bool> sum;                 // per column: the totals cell is a SUM of the body
  std::vector<int> numerator, denominator;   // per percent column: the columns (or -1)
  std::vector<bool> over_total;          // the denominator is the totals row of `numerator`
};

// Cells of a row by column (a cell spanning columns sits in its first column).
std::vector<const Cell*> by_column(const std::vector<Cell>& row, int cols) {
  std::vector<const Cell*> out(static_cast<std::size_t>(cols), nullptr);
  int col = 0;
  for (const Cell& c : row) {
    if (col < cols) out[static_cast<std::size_t>(col)] = &c;
    col += c.colspan;
  }
  return out;
}

bool is_number(const Cell* c) { return c && c->kind == Cell::Kind::Number && std::isfinite(c->number); }

FormulaPlan plan_formulas(const Table& t, int cols) {
  FormulaPlan plan;
  plan.sum.assign(static_cast<std::size_t>(cols), false);
  plan.numerator.assign(static_cast<std::size_t>(cols), -1);
  plan.denominator.assign(static_cast<std::size_t>(cols), -1);
  plan.over_total.assign(static_cast<std::size_t>(cols), false);
  std::vector<std::vector<const Cell*>> body;
  for (const auto& row : t.rows) body.push_back(by_column(row, cols));
  std::vector<const Cell*> totals = t.totals.empty() ? std::vector<const Cell*>() : by_column(t.totals, cols);
  auto percent_column = [&](int c) {
    for (const auto& row : body)
      if (is_number(row[static_cast<std::size_t>(c)])) return row[static_cast<std::size_t>(c)]->number_kind == NumberKind::Percent;
    return !totals.empty() && is_number(totals[static_cast<std::size_t>(c)]) &&
           totals[static_cast<std::size_t>(c)]->number_kind == NumberKind::Percent;
  };
  // SUM totals.
  if (!totals.empty() && !body.empty()) {
    for (int c = 0; c < cols; ++c) {
      const Cell* tc = totals[static_cast<std::size_t>(c)];
      if (!is_number(tc) || tc->number_kind == NumberKind::Percent) continue;
      double sum = 0;
      bool ok = true;
      for (const auto& row : body) {
        const Cell* x = row[static_cast<std::size_t>(c)];
        if (is_number(x)) sum += stored_value(*x);
        else if (x && x->kind != Cell::Kind::Empty && !(x->kind == Cell::Kind::Number)) ok = false;
      }
      plan.sum[static_cast<std::size_t>(c)] = ok && std::fabs(sum - stored_value(*tc)) < 1e-6;
    }
  }
  // Shares: value ≈ a / b × 100 on every row where the percent cell has a value.
  auto fits = [&](const Cell* pc, double a, double b) {
    if (b == 0) return false;
    double tol = std::pow(10.0, -pc->decimals) + 1e-9;
    return std::fabs(a / b * 100 - pc->number) <= tol;
  };
  for (int c = 0; c < cols; ++c) {
    if (!percent_column(c)) continue;
    std::vector<std::vector<const Cell*>> rows = body;
    if (!totals.empty()) rows.push_back(totals);
    auto try_pair = [&](int a, int b, bool over_total) {
      int checked = 0;
      for (std::size_t r = 0; r < rows.size(); ++r) {
        const Cell* pc = rows[r][static_cast<std::size_t>(c)];
        if (!is_number(pc)) continue;
        const Cell* x = rows[r][static_cast<std::size_t>(a)];
        const Cell* y = over_total ? (totals.empty() ? nullptr : totals[static_cast<std::size_t>(a)]) : rows[r][static_cast<std::size_t>(b)];
        if (!is_number(x) || !is_number(y) || x->number_kind == NumberKind::Percent || y->number_kind == NumberKind::Percent) return false;
        if (!fits(pc, rounded_value(*x), rounded_value(*y))) return false;
        ++checked;
      }
      return checked > 0;
    };
    // Nearest columns to the left first: "Số lượng" then "Tổng số xã".
    bool found = false;
    for (int a = c - 1; a >= 0 && !found; --a) {
      for (int b = a - 1; b >= 0 && !found; --b)
        if (try_pair(a, b, false)) { plan.numerator[static_cast<std::size_t>(c)] = a; plan.denominator[static_cast<std::size_t>(c)] = b; found = true; }
      if (!found && try_pair(a, -1, true)) { plan.numerator[static_cast<std::size_t>(c)] = a; plan.over_total[static_cast<std::size_t>(c)] = true; found = true; }
    }
  }
  return plan;
}

std::string utf8_prefix(const std::string& s, std::size_t n);

// A sheet name of at most `limit` characters, cut at a word boundary.
std::string shorten_words(const std::string& s, std::size_t limit) {
  std::string cut = utf8_prefix(s, limit);
  if (cut.size() == s.size()) return cut;
  std::size_t space = cut.rfind(' ');
  if (space != std::string::npos && space >= cut.size() / 3) cut = cut.substr(0, space);
  // No half of a parenthesis: "… (tổng" loses "(tổng".
  std::size_t open = cut.rfind('(');
  if (open != std::string::npos && cut.find(')', open) == std::string::npos && open >= cut.size() / 3) cut = cut.substr(0, open);
  while (!cut.empty() && std::string_view(" ,;:-(").find(cut.back()) != std::string_view::npos) cut.pop_back();
  return cut;
}

// First `n` code points of UTF-8 `s`.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  std::size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    i += len;
    ++count;
  }
  return s.substr(0, std::min(i, s.size()));
}


class XlsxWriter {
 public:
  XlsxWriter(const Document& doc, const std::filesystem::path& path, const std::filesystem::path& shown)
      : doc_(doc), path_(path), shown_(shown.empty() ? path : shown) {}

  void run() {
    lxw_workbook_options options = {};
    options.constant_memory = LXW_FALSE;
    wb_ = workbook_new_opt(path_.c_str(), &options);
    if (!wb_) throw WriteError("Không ghi được tệp '" + shown_.string() + "'");
    std::string title = clean_text(doc_.header.title.empty() ? doc_.header.kind : doc_.header.kind + " " + doc_.header.title);
    std::string author = clean_text(doc_.header.issuer.empty() ? "ntm" : doc_.header.issuer.back());
    lxw_doc_properties props = {};
    props.title = const_cast<char*>(title.c_str());
    props.author = const_cast<char*>(author.c_str());
    props.created = static_cast<time_t>(creation_time(doc_));
    std::string comments = doc_.provenance.empty() ? std::string() : clean_text("ntm: " + doc_.provenance);
    if (!comments.empty()) props.comments = const_cast<char*>(comments.c_str());
    workbook_set_properties(wb_, &props);

    int tables = 0, charts = 0;
    for (const Block& b : doc_.blocks) {
      if (const auto* t = std::get_if<Table>(&b)) table(*t, ++tables);
      else if (const auto* c = std::get_if<Chart>(&b)) chart(*c, ++charts);
    }
    if (tables + charts == 0) workbook_add_worksheet(wb_, "Báo cáo");  // a workbook needs a sheet
    lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR)
      throw WriteError("Không ghi được tệp '" + shown_.string() + "': " + lxw_strerror(err));
  }

  ~XlsxWriter() {
    if (wb_) workbook_close(wb_);
  }

 private:
  // A unique, valid sheet name from a title: the part before the first ". " ("Biểu 01"),
  // without []:*?/\ , at most 31 characters.
  std::string sheet_name(const std::string& title, const std::string& fallback) {
    std::string base = clean_text(title);
    std::size_t dot = base.find(". ");
    if (dot != std::string::npos && dot > 0) base = base.substr(0, dot);
    std::string clean;
    for (char c : base) {
      bool forbidden = std::string_view("[]:*?/\\").find(c) != std::string_view::npos;
      if (forbidden) c = ' ';
      if (c == ' ' && !clean.empty() && clean.back() == ' ') continue;
      clean += c;
    }
    while (!clean.empty() && (clean.front() == '\'' || clean.front() == ' ')) clean.erase(clean.begin());
    while (!clean.empty() && (clean.back() == '\'' || clean.back() == ' ')) clean.pop_back();
    if (clean.empty()) clean = fallback;
    std::string name = shorten_words(clean, 31);
    for (int n = 2; used_.count(fold(name)); ++n) {
      std::string suffix = " (" + std::to_string(n) + ")";
      name = shorten_words(clean, 31 - suffix.size()) + suffix;
    }
    used_[fold(name)] = true;
    return name;
  }

  // Formats are cached by description; every table cell has thin borders.
  lxw_format* format(const std::string& num, bool bold, bool italic, Align align, bool border, bool wrap,
                     double size = 12) {
    std::string key = num + "|" + std::to_string(bold) + std::to_string(italic) + std::to_string(static_cast<int>(align)) +
                      std::to_string(border) + std::to_string(wrap) + "|" + std::to_string(size);
    auto it = formats_.find(key);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (!num.empty()) format_set_num_format(f, num.c_str());
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    switch (align) {
      case Align::Center: format_set_align(f, LXW_ALIGN_CENTER); break;
      case Align::Right: format_set_align(f, LXW_ALIGN_RIGHT); break;
      case Align::Left: format_set_align(f, LXW_ALIGN_LEFT); break;
      case Align::Justify: format_set_align(f, LXW_ALIGN_JUSTIFY); break;
      case Align::Auto: break;
    }
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (wrap) format_set_text_wrap(f);
    formats_[key] = f;
    return f;
  }

  // Title and unit rows above a table; returns the next free row.
  lxw_row_t caption(lxw_worksheet* ws, const std::string& title, const std::string& unit, int cols) {
    lxw_row_t row = 0;
    lxw_col_t last = static_cast<lxw_col_t>(std::max(cols, 1) - 1);
    auto line = [&](const std::string& raw, lxw_format* f) {
    std::string text = clean_text(raw);
      if (last > 0) worksheet_merge_range(ws, row, 0, row, last, text.c_str(), f);
      else worksheet_write_string(ws, row, 0, text.c_str(), f);
      ++row;
    };
    if (!title.empty()) line(title, format("", true, false, Align::Center, false, false, 13));
    if (!unit.empty()) line(unit, format("", false, true, Align::Right, false, false));
    return row;
  }

  // `formula` (without "=") when the cell is computed in the sheet; its value is cached.
  void body_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& c, bool bold, const std::string& formula = {}) {
    bool b = bold || c.bold;
    bool number = c.kind == Cell::Kind::Number;
    lxw_format* f = format(number ? excel_format(c) : "", b, false, resolve(c), true, !number);
    if (c.colspan > 1) {
      worksheet_merge_range(ws, row, col, row, static_cast<lxw_col_t>(col + c.colspan - 1),
                            number ? "" : clean_text(display_text(c)).c_str(), f);
    }
    if (number && std::isfinite(c.number) && !formula.empty())
      worksheet_write_formula_num(ws, row, col, formula.c_str(), f, stored_value(c));
    else if (number && std::isfinite(c.number))
      worksheet_write_number(ws, row, col, stored_value(c), f);
    else if (number || c.kind == Cell::Kind::Empty)
      worksheet_write_blank(ws, row, col, f);
    else if (c.colspan == 1)
      worksheet_write_string(ws, row, col, clean_text(c.text).c_str(), f);
  }

  void table(const Table& t, int index) {
    std::string name = sheet_name(t.title, "Bảng " + std::to_string(index));
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    int cols = column_count(t);
    std::vector<double> widths = column_widths(t);
    double total_width = 0;
    for (int c = 0; c < cols; ++c) {
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[static_cast<std::size_t>(c)], nullptr);
      total_width += widths[static_cast<std::size_t>(c)];
    }
    auto span_width = [&](int col, int span) {
      double w = 0;
      for (int c = col; c < col + span && c < cols; ++c) w += widths[static_cast<std::size_t>(c)];
      return w;
    };
    constexpr double kLine = 15.75;   // points per line of 12 pt Times New Roman
    lxw_row_t row = caption(ws, t.title, t.unit, cols);
    if (!t.title.empty() && lines_needed(t.title, total_width) > 1)
      worksheet_set_row(ws, 0, kLine * 1.1 * lines_needed(t.title, total_width), nullptr);
    lxw_row_t header_top = row;
    HeaderLayout layout = layout_header(t);
    lxw_format* hf = format("", true, false, Align::Center, true, true);
    std::vector<int> header_lines(static_cast<std::size_t>(layout.rows), 1);
    for (const HeaderPlacement& p : layout.cells) {
      lxw_row_t r = static_cast<lxw_row_t>(header_top + p.row);
      lxw_col_t c = static_cast<lxw_col_t>(p.col);
      if (p.rowspan > 1 || p.colspan > 1)
        worksheet_merge_range(ws, r, c, static_cast<lxw_row_t>(r + p.rowspan - 1), static_cast<lxw_col_t>(c + p.colspan - 1),
                              clean_text(p.cell->text).c_str(), hf);
      else
        worksheet_write_string(ws, r, c, clean_text(p.cell->text).c_str(), hf);
      // Wrapped header text needs its row tall enough (a cell over several rows shares them).
      int lines = lines_needed(p.cell->text, span_width(p.col, p.colspan));
      int per_row = (lines + p.rowspan - 1) / p.rowspan;
      for (int k = 0; k < p.rowspan; ++k)
        header_lines[static_cast<std::size_t>(p.row + k)] = std::max(header_lines[static_cast<std::size_t>(p.row + k)], per_row);
    }
    for (int r = 0; r < layout.rows; ++r)
      if (header_lines[static_cast<std::size_t>(r)] > 1)
        worksheet_set_row(ws, static_cast<lxw_row_t>(header_top + r), kLine * header_lines[static_cast<std::size_t>(r)], nullptr);
    row = static_cast<lxw_row_t>(header_top + layout.rows);
    const lxw_row_t first_body = row;
    const lxw_row_t last_body = static_cast<lxw_row_t>(first_body + t.rows.size() - (t.rows.empty() ? 0 : 1));
    const lxw_row_t totals_row = static_cast<lxw_row_t>(first_body + t.rows.size());
    FormulaPlan plan = plan_formulas(t, cols);
    auto ref = [](lxw_row_t r, int c, bool fixed_row = false) {
      return column_letters(c) + (fixed_row ? "$" : "") + std::to_string(r + 1);
    };
    auto body = [&](const std::vector<Cell>& cells, bool totals) {
      lxw_col_t col = 0;
      int lines = 1;
      for (const Cell& c : cells) {
        std::string formula;
        std::size_t k = col;
        if (c.kind == Cell::Kind::Number && c.colspan == 1) {
          if (totals && plan.sum[k] && !t.rows.empty())
            formula = "SUM(" + ref(first_body, col) + ":" + ref(last_body, col) + ")";
          else if (plan.numerator[k] >= 0 && plan.over_total[k] && !t.totals.empty())
            formula = ref(row, plan.numerator[k]) + "/" + ref(totals_row, plan.numerator[k], true);
          else if (plan.numerator[k] >= 0 && !plan.over_total[k])
            formula = "IF(" + ref(row, plan.denominator[k]) + "=0,\"\"," + ref(row, plan.numerator[k]) + "/" +
                      ref(row, plan.denominator[k]) + ")";
        }
        body_cell(ws, row, col, c, totals, formula);
        if (c.kind == Cell::Kind::Text) lines = std::max(lines, lines_needed(c.text, span_width(col, c.colspan)));
        col = static_cast<lxw_col_t>(col + c.colspan);
      }
      if (lines > 1) worksheet_set_row(ws, row, kLine * lines, nullptr);
      ++row;
    };
    for (const auto& r : t.rows) body(r, false);
    if (!t.totals.empty()) body(t.totals, true);
    if (layout.rows > 0) {
      worksheet_freeze_panes(ws, static_cast<lxw_row_t>(header_top + layout.rows), 0);
      worksheet_repeat_rows(ws, header_top, static_cast<lxw_row_t>(header_top + layout.rows - 1));
    }
    if (t.filter && layout.rows > 0 && !t.rows.empty())
      worksheet_autofilter(ws, static_cast<lxw_row_t>(header_top + layout.rows - 1), 0, last_body, static_cast<lxw_col_t>(cols - 1));
    worksheet_set_paper(ws, 9);  // A4
    if (is_landscape(t) || total_width > 90) worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
  }

  // The chart's data as a small table, and the chart under it (one printed page).
  void chart(const Chart& c, int index) {
    std::string name = sheet_name(c.title, "Biểu đồ " + std::to_string(index));
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    int cols = static_cast<int>(c.series.size()) + 1;
    lxw_row_t row = caption(ws, c.title, c.value_axis.empty() ? "" : "Đơn vị: " + c.value_axis, cols);
    worksheet_set_column(ws, 0, 0, 22, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(cols - 1), 12, nullptr);
    lxw_format* hf = format("", true, false, Align::Center, true, true);
    lxw_row_t head = row;
    worksheet_write_blank(ws, head, 0, hf);
    for (std::size_t k = 0; k < c.series.size(); ++k)
      worksheet_write_string(ws, head, static_cast<lxw_col_t>(k + 1), clean_text(c.series[k].name).c_str(), hf);
    std::string num = c.decimals > 0 ? "#,##0." + std::string(static_cast<std::size_t>(c.decimals), '0') : "#,##0";
    lxw_format* nf = format(num, false, false, Align::Right, true, false);
    lxw_format* tf = format("", false, false, Align::Left, true, false);
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
      lxw_row_t r = static_cast<lxw_row_t>(head + 1 + i);
      worksheet_write_string(ws, r, 0, clean_text(c.categories[i]).c_str(), tf);
      for (std::size_t k = 0; k < c.series.size(); ++k) {
        double v = c.series[k].values[i];
        if (std::isfinite(v)) worksheet_write_number(ws, r, static_cast<lxw_col_t>(k + 1), v, nf);
        else worksheet_write_blank(ws, r, static_cast<lxw_col_t>(k + 1), nf);
      }
    }
    uint8_t type = c.line ? LXW_CHART_LINE
                          : c.kind == Chart::Kind::Column ? (c.stacked ? LXW_CHART_COLUMN_STACKED : LXW_CHART_COLUMN)
                                                          : (c.stacked ? LXW_CHART_BAR_STACKED : LXW_CHART_BAR);
    lxw_chart* ch = workbook_add_chart(wb_, type);
    std::string chart_title = clean_text(c.title), axis = clean_text(c.value_axis);
    char font_name[] = "Times New Roman";
    lxw_chart_font title_font = {};
    title_font.name = font_name;
    title_font.size = 12;
    title_font.bold = LXW_TRUE;
    lxw_chart_font text_font = {};
    text_font.name = font_name;
    text_font.size = 10;
    if (!c.title.empty()) {
      chart_title_set_name(ch, chart_title.c_str());
      chart_title_set_name_font(ch, &title_font);
    }
    chart_axis_set_num_font(ch->x_axis, &text_font);
    chart_axis_set_num_font(ch->y_axis, &text_font);
    chart_legend_set_font(ch, &text_font);
    lxw_row_t first = head + 1, last = static_cast<lxw_row_t>(head + c.categories.size());
    for (std::size_t k = 0; k < c.series.size(); ++k) {
      lxw_chart_series* s = chart_add_series(ch, nullptr, nullptr);
      lxw_col_t col = static_cast<lxw_col_t>(k + 1);
      chart_series_set_categories(s, name.c_str(), first, 0, last, 0);
      chart_series_set_values(s, name.c_str(), first, col, last, col);
      chart_series_set_name_range(s, name.c_str(), head, col);
      if (c.labels != Chart::Labels::None) {
        chart_series_set_labels(s);
        chart_series_set_labels_font(s, &text_font);
        // The third section of the format is empty: a zero gets no label.
        if (c.labels == Chart::Labels::Auto) chart_series_set_labels_num_format(s, (num + ";-" + num + ";").c_str());
        if (c.stacked) chart_series_set_labels_position(s, LXW_CHART_LABEL_POSITION_CENTER);
      }
      const std::string& hex = c.series[k].color;
      if (!hex.empty()) {
        lxw_color_t rgb = static_cast<lxw_color_t>(std::stoul(hex.substr(1), nullptr, 16));
        if (c.line) {
          lxw_chart_line line = {};
          line.color = rgb;
          line.width = 2.25;
          chart_series_set_line(s, &line);
          lxw_chart_marker* marker = nullptr;
          (void)marker;
        } else {
          lxw_chart_fill fill = {};
          fill.color = rgb;
          chart_series_set_fill(s, &fill);
        }
      }
    }
    if (c.series.size() == 1) chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    else chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
    // libxlsxwriter's x_axis is the horizontal one: the value axis of a bar chart.
    if (!c.value_axis.empty())
    {
      lxw_chart_axis* value_axis = c.kind == Chart::Kind::Column ? ch->y_axis : ch->x_axis;
      chart_axis_set_name(value_axis, axis.c_str());
      chart_axis_set_name_font(value_axis, &text_font);
    }
    if (c.kind == Chart::Kind::Bar && !c.line) {
      // First category on top, value axis kept at the bottom (libxlsxwriter's y_axis is the
      // category axis of a bar chart).
      chart_axis_set_reverse(ch->y_axis);
      chart_axis_set_crossing_max(ch->y_axis);
      chart_axis_set_interval_unit(ch->y_axis, 1);   // every category named, none skipped
    }
    lxw_chart_options opt = {};
    opt.x_scale = 1.3;
    opt.y_scale = 1.3;
    if (c.kind == Chart::Kind::Bar && !c.line) {   // one row per bar: tall enough to read every category
      double bars = static_cast<double>(c.categories.size()) * (c.stacked ? 1.0 : static_cast<double>(c.series.size()));
      opt.y_scale = std::clamp(0.6 + 0.12 * bars, 1.3, 4.0);
    }
    worksheet_insert_chart_opt(ws, static_cast<lxw_row_t>(last + 2), 0, ch, &opt);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 1);
  }

  const Document& doc_;
  std::filesystem::path path_, shown_;
  lxw_workbook* wb_ = nullptr;
  std::map<std::string, lxw_format*> formats_;
  std::map<std::string, bool> used_;
};

}  // namespace

void write_xlsx(const Document& doc, const std::filesystem::path& path, const std::filesystem::path& shown) {
  XlsxWriter(doc, path, shown).run();
}

}  // namespace ntm::report
