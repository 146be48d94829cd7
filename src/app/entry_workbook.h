// Data-entry workbooks: the .xlsx a province sends to its districts or communes to fill in,
// and that `ntm import` reads back. Plain inputs (units, columns with their checks); the
// database side is in entry_forms.h.
//
// The sheet: a title row and an instruction row, then one header row whose cells start with
// the title the importer reads ("CT 2.1", "TC 5", "Số tiền") followed, on further lines of
// the same cell, by the indicator's name, unit and threshold; then one row per unit. The
// unit columns (code, name, district) are locked (the sheet is protected without a
// password, so a person cannot change a code by mistake but can unprotect it knowingly);
// value cells are unlocked and carry data validation (numbers in range, Đạt/Chưa đạt lists).
#pragma once

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace ntm::app {

struct EntryColumn {
  std::string title;                  // first line of the header cell: what import matches
  std::string detail;                 // further lines: name, unit, threshold
  enum class Check { None, Number, Integer, List } check = Check::None;
  double min = NAN, max = NAN;        // Number, Integer: the allowed range (NaN: open)
  std::vector<std::string> choices;   // List: the allowed texts
  double width = 14;                  // column width (characters)
};

struct EntryWorkbook {
  std::string title;                          // "PHIẾU NHẬP SỐ LIỆU CHỈ TIÊU NĂM 2020"
  std::string subtitle;                       // "Xã Mường Phăng, huyện Điện Biên, tỉnh Điện Biên"
  std::string note;                           // how to fill it in
  std::string sheet = "Số liệu";
  std::vector<std::string> unit_titles;       // "Mã xã", "Tên xã", "Huyện": locked columns
  std::vector<double> unit_widths;            // one per unit column
  std::vector<EntryColumn> columns;           // value columns
  std::vector<std::vector<std::string>> units;    // per row: one text per unit column
  std::vector<std::vector<std::string>> values;   // per row: one text per value column ("" empty);
                                                  // numbers with a point ("12.5") are written as numbers
  std::string file_stem;                      // suggested file name without extension ("03166-muong-phang")
  // Optional, one per row: the check of that row's value cells instead of the column's (a
  // long sheet with one indicator per row checks each row against its own range).
  std::vector<EntryColumn> row_checks;
};

// Writes the workbook (atomically: temporary file, then rename). Throws report::WriteError
// naming the path when it cannot be written.
void write_entry_workbook(const EntryWorkbook& workbook, const std::filesystem::path& path);

}  // namespace ntm::app
