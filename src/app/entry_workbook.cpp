// Data-entry workbooks with libxlsxwriter: locked unit columns, validated value cells.
#include "app/entry_workbook.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "model/text.h"
#include "report/writer.h"
#include "report/xml.h"

namespace ntm::app {

namespace {

constexpr double kLine = 15.75;

// Wrapped lines of `text` (its own line breaks kept) in a column `width` characters wide.
int wrapped_lines(const std::string& text, double width) {
  int lines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    double w = display_width(std::string_view(text).substr(start, end - start));
    lines += std::max(1, static_cast<int>(std::ceil(w / std::max(width - 1.5, 1.0))));
    start = end + 1;
  }
  return lines;
}

class Writer {
 public:
  Writer(const EntryWorkbook& wb, const std::filesystem::path& path, const std::filesystem::path& shown)
      : wb_(wb), shown_(shown) {
    book_ = workbook_new(path.c_str());
    if (!book_) throw report::WriteError("Không ghi được tệp '" + shown.string() + "'");
  }
  ~Writer() {
    if (book_) workbook_close(book_);
  }

  void run() {
    std::string sheet = report::clean_text(wb_.sheet);
    lxw_worksheet* ws = workbook_add_worksheet(book_, sheet.c_str());
    const int locked_cols = static_cast<int>(wb_.unit_titles.size());
    const int cols = locked_cols + static_cast<int>(wb_.columns.size());
    auto width_of = [&](int c) {
      return c < locked_cols ? (static_cast<std::size_t>(c) < wb_.unit_widths.size() ? wb_.unit_widths[static_cast<std::size_t>(c)] : 14.0)
                             : wb_.columns[static_cast<std::size_t>(c - locked_cols)].width;
    };
    for (int c = 0; c < cols; ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width_of(c), nullptr);

    lxw_format* title = fmt(true, false, true, false, false, 14);
    lxw_format* plain = fmt(false, true, true, false, false, 11);
    lxw_row_t row = 0;
    auto line = [&](const std::string& text, lxw_format* f) {
      std::string t = report::clean_text(text);
      if (cols > 1) worksheet_merge_range(ws, row, 0, row, static_cast<lxw_col_t>(cols - 1), t.c_str(), f);
      else worksheet_write_string(ws, row, 0, t.c_str(), f);
      double total = 0;
      for (int c = 0; c < cols; ++c) total += width_of(c);
      int lines = wrapped_lines(text, total);
      if (lines > 1) worksheet_set_row(ws, row, kLine * lines, nullptr);
      ++row;
    };
    line(wb_.title, title);
    if (!wb_.subtitle.empty()) line(wb_.subtitle, fmt(true, false, true, false, false, 12));
    if (!wb_.note.empty()) line(wb_.note, plain);

    // Header: the importer reads the first line of each cell.
    lxw_format* head = fmt(true, false, true, true, false, 11);
    lxw_row_t header_row = row;
    int header_lines = 1;
    for (int c = 0; c < cols; ++c) {
      std::string text = c < locked_cols ? wb_.unit_titles[static_cast<std::size_t>(c)]
                                         : wb_.columns[static_cast<std::size_t>(c - locked_cols)].title +
                                               (wb_.columns[static_cast<std::size_t>(c - locked_cols)].detail.empty()
                                                    ? ""
                                                    : "\n" + wb_.columns[static_cast<std::size_t>(c - locked_cols)].detail);
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), report::clean_text(text).c_str(), head);
      header_lines = std::max(header_lines, wrapped_lines(text, width_of(c)));
    }
    worksheet_set_row(ws, row, kLine * header_lines, nullptr);
    ++row;

    // Units and values.
    lxw_format* locked = fmt(false, false, false, true, false, 12);
    lxw_format* code = fmt(false, false, false, true, false, 12, "@");
    lxw_format* open_text = fmt(false, false, false, true, true, 12);
    lxw_format* open_number = fmt(false, false, false, true, true, 12, "#,##0.##");
    const lxw_row_t first = row;
    for (std::size_t r = 0; r < wb_.units.size(); ++r, ++row) {
      int lines = 1;   // a wrapped cell needs its row tall enough, or the lines overprint
      for (int c = 0; c < locked_cols; ++c) {
        const std::string& t = static_cast<std::size_t>(c) < wb_.units[r].size() ? wb_.units[r][static_cast<std::size_t>(c)] : empty_;
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), report::clean_text(t).c_str(), c == 0 ? code : locked);
        lines = std::max(lines, wrapped_lines(t, width_of(c)));
      }
      if (lines > 1) worksheet_set_row(ws, row, kLine * lines, nullptr);
      for (std::size_t k = 0; k < wb_.columns.size(); ++k) {
        lxw_col_t c = static_cast<lxw_col_t>(locked_cols + static_cast<int>(k));
        const EntryColumn& col = wb_.columns[k];
        std::string v = r < wb_.values.size() && k < wb_.values[r].size() ? wb_.values[r][k] : std::string();
        bool numeric = col.check == EntryColumn::Check::Number || col.check == EntryColumn::Check::Integer;
        char* end = nullptr;
        double d = numeric && !v.empty() ? std::strtod(v.c_str(), &end) : 0;
        if (numeric && !v.empty() && end && *end == '\0') worksheet_write_number(ws, row, c, d, open_number);
        else if (!v.empty()) worksheet_write_string(ws, row, c, report::clean_text(v).c_str(), numeric ? open_number : open_text);
        else worksheet_write_blank(ws, row, c, numeric ? open_number : open_text);
      }
    }
    const lxw_row_t last = row == first ? first : static_cast<lxw_row_t>(row - 1);

    // Checks while typing, one range per value column (or one cell per row with row_checks).
    struct Target {
      const EntryColumn* col;
      lxw_row_t from, to;
      lxw_col_t c;
    };
    std::vector<Target> targets;
    for (std::size_t k = 0; k < wb_.columns.size() && !wb_.units.empty(); ++k) {
      lxw_col_t c = static_cast<lxw_col_t>(locked_cols + static_cast<int>(k));
      if (wb_.row_checks.empty()) targets.push_back({&wb_.columns[k], first, last, c});
      else
        for (std::size_t r = 0; r < wb_.row_checks.size() && r < wb_.units.size(); ++r)
          targets.push_back({&wb_.row_checks[r], static_cast<lxw_row_t>(first + r), static_cast<lxw_row_t>(first + r), c});
    }
    for (const Target& target : targets) {
      const EntryColumn& col = *target.col;
      if (col.check == EntryColumn::Check::None) continue;
      const lxw_col_t c = target.c;
      lxw_data_validation dv = {};
      std::vector<char*> list;
      std::string message;
      std::string range;
      if (col.check == EntryColumn::Check::List) {
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        std::size_t joined = 0;
        for (const auto& ch : col.choices) joined += ch.size() + 1;
        if (joined < 250) {
          for (const auto& ch : col.choices) list.push_back(const_cast<char*>(ch.c_str()));
          list.push_back(nullptr);
          dv.value_list = list.data();
        } else {
          // Excel caps an inline list at 255 characters: a long one lives on a hidden sheet.
          range = choices_range(col.choices);
          dv.value_formula = const_cast<char*>(range.c_str());
        }
        message = "Chọn một giá trị trong danh sách.";
      } else {
        dv.validate = col.check == EntryColumn::Check::Integer ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
        bool lo = !std::isnan(col.min), hi = !std::isnan(col.max);
        NumberFormat nf;
        nf.decimals = 4;
        nf.trim_zeros = true;
        if (lo && hi) {
          dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          dv.minimum_number = col.min;
          dv.maximum_number = col.max;
          message = "Nhập một số từ " + format_number(col.min, nf) + " đến " + format_number(col.max, nf) + ".";
        } else if (lo) {
          dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
          dv.value_number = col.min;
          message = "Nhập một số không nhỏ hơn " + format_number(col.min, nf) + ".";
        } else if (hi) {
          dv.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
          dv.value_number = col.max;
          message = "Nhập một số không lớn hơn " + format_number(col.max, nf) + ".";
        } else {
          dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          dv.minimum_number = -1e15;
          dv.maximum_number = 1e15;
          message = "Nhập một số.";
        }
      }
      std::string title = report::clean_text(col.title).substr(0, 32);
      dv.error_title = const_cast<char*>(title.c_str());
      dv.error_message = const_cast<char*>(message.c_str());
      dv.input_title = const_cast<char*>(title.c_str());
      dv.input_message = const_cast<char*>(message.c_str());
      dv.ignore_blank = LXW_VALIDATION_ON;
      worksheet_data_validation_range(ws, target.from, c, target.to, c, &dv);
    }
    worksheet_freeze_panes(ws, static_cast<lxw_row_t>(header_row + 1), static_cast<lxw_col_t>(locked_cols));
    worksheet_repeat_rows(ws, header_row, header_row);
    worksheet_set_paper(ws, 9);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    lxw_protection protection = {};
    protection.format_columns = LXW_TRUE;   // widths may still be changed
    protection.format_rows = LXW_TRUE;
    protection.autofilter = LXW_TRUE;
    protection.sort = LXW_TRUE;
    worksheet_protect(ws, nullptr, &protection);

    lxw_doc_properties props = {};
    std::string t = report::clean_text(wb_.title);
    props.title = const_cast<char*>(t.c_str());
    char author[] = "ntm";
    props.author = author;
    props.created = 946684800;   // fixed: the same workbook gives the same bytes
    workbook_set_properties(book_, &props);
    lxw_error err = workbook_close(book_);
    book_ = nullptr;
    if (err != LXW_NO_ERROR) throw report::WriteError("Không ghi được tệp '" + shown_.string() + "': " + lxw_strerror(err));
  }

 private:
  lxw_format* fmt(bool bold, bool italic, bool center, bool border, bool unlocked, double size, const std::string& num = {}) {
    std::string key = std::to_string(bold) + std::to_string(italic) + std::to_string(center) + std::to_string(border) +
                      std::to_string(unlocked) + std::to_string(size) + num;
    auto it = formats_.find(key);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(book_);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    if (center) format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (unlocked) {
      format_set_unlocked(f);
      format_set_bg_color(f, 0xFFF9E5);   // the cells to fill in, lightly tinted
    } else if (border) {
      format_set_bg_color(f, 0xF2F2F2);
    }
    if (!num.empty()) format_set_num_format(f, num.c_str());
    formats_[key] = f;
    return f;
  }

  // Writes `choices` in a new column of the hidden sheet "Danh mục"; returns its range.
  std::string choices_range(const std::vector<std::string>& choices) {
    if (!lists_) {
      lists_ = workbook_add_worksheet(book_, "Danh mục");
      worksheet_hide(lists_);
    }
    lxw_col_t c = static_cast<lxw_col_t>(list_columns_++);
    for (std::size_t i = 0; i < choices.size(); ++i)
      worksheet_write_string(lists_, static_cast<lxw_row_t>(i), c, report::clean_text(choices[i]).c_str(), nullptr);
    std::string letters;
    for (int n = static_cast<int>(c) + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return "='Danh mục'!$" + letters + "$1:$" + letters + "$" + std::to_string(choices.size());
  }

  const EntryWorkbook& wb_;
  lxw_worksheet* lists_ = nullptr;
  int list_columns_ = 0;
  std::filesystem::path shown_;
  lxw_workbook* book_ = nullptr;
  std::map<std::string, lxw_format*> formats_;
  std::string empty_;
};

}  // namespace

void write_entry_workbook(const EntryWorkbook& workbook, const std::filesystem::path& path) {
  // Through a temporary file beside the target, renamed on success (as report::write does).
  std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::filesystem::path temp = dir / ("." + path.filename().string() + ".tmp");
  try {
    Writer(workbook, temp, path).run();
  } catch (const std::exception&) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    throw;
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw report::WriteError("Không ghi được tệp '" + path.string() + "'");
  }
}

}  // namespace ntm::app
