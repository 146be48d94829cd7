// `ntm export KIND`: the data of one province as the sheets `ntm import` reads back, so a
// person edits an export in Excel and imports it. `--template` gives the same shape with
// the units filled in and the values left empty.
#pragma once

#include <filesystem>
#include <string>

#include "app/importer.h"
#include "store/database.h"

namespace ntm::app {

struct ExportOptions {
  std::string kind;          // one of import_kinds()
  std::string province;      // name or code; required
  int year = 0;              // required for indicators and statuses; a filter for the others
  std::string as_of;         // ISO: the map (units: the list of that date; default today or 31/12 of --year)
  std::string set;           // indicators, statuses: the criteria set (default: recorded, else the year's)
  bool template_only = false;
};

// Builds the sheet. Indicators and statuses are wide: Mã xã, Tên xã, Huyện, then one column
// per indicator ("CT 1.1" ...) or criterion ("TC 1" ...), one row per rural commune of the
// year's map. Units: the province's districts and communes of the map of --as-of (today by
// default), with their predecessors. Every sheet says above its header what it holds
// (province, year, set, map date), so importing it back needs no flags.
// Numbers are written with a point and no thousands separator here; to_csv() localises.
// Throws std::invalid_argument (missing --year), NotFound (unknown province).
Sheet export_sheet(const store::Database& db, const ExportOptions& options);

// CSV text: RFC 4180 quoting, CRLF, no BOM (the caller adds it). With ';' as delimiter the
// numeric columns use a decimal comma, as Excel on a Vietnamese Windows writes them.
std::string to_csv(const Sheet& sheet, char delimiter);

// Writes an .xlsx workbook with one sheet titled `title` (atomic, through report::write).
void write_xlsx_sheet(const Sheet& sheet, const std::string& title, const std::filesystem::path& path);

}  // namespace ntm::app
