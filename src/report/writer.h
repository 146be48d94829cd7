// Writers for report documents: Word (.docx), Excel (.xlsx), HTML, Markdown and CSV.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/document.h"

namespace ntm::report {

// Thrown when a document cannot be written: an unsupported extension, a path that cannot
// be written (the message names it), a library failure. The message is Vietnamese.
class WriteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes `doc` to `path` in the format named by its extension (case-insensitive):
// .docx, .xlsx, .html (.htm), .md, .csv. Validates first (DocumentError on an inconsistent
// document, before anything is written). Each file is written to a temporary file in the
// same folder and renamed over `path` on success, so no partial file is ever left behind;
// on failure nothing is created and an existing file at `path` is untouched.
//
// CSV writes one file per table: `name.csv` for the first table, `name-2.csv`,
// `name-3.csv`, ... for the next ones, in document order (charts are not written);
// a document without tables is a WriteError. See to_csv() for the content.
void write(const Document& doc, const std::filesystem::path& path);

// Writes ready bytes to `path` the same way (temporary file, then rename).
void write_bytes(const std::string& bytes, const std::filesystem::path& path);

// Writes `doc` to every path of `paths` (a report with several -o), all or none: every file
// is written to its temporary file first; only when all are complete are they renamed into
// place, and if a rename fails the files already renamed are put back as they were (an
// existing file restored, a new one removed). A path found in `ready` gets those bytes
// instead of `doc` rendered (a Word template filled from the document).
void write_all(const Document& doc, const std::vector<std::filesystem::path>& paths,
               const std::map<std::filesystem::path, std::string>& ready = {});

// At most this many files from one report (CSV writes one per table) and this many
// worksheets in one workbook: a layout cannot fill a folder or a workbook without end.
constexpr std::size_t kMaxFiles = 200;
constexpr std::size_t kMaxSheets = 1000;

// The files write() produces for `path` when it ends in .csv (one per table).
std::vector<std::filesystem::path> csv_paths(const Document& doc, const std::filesystem::path& path);

// Renderers behind write(); they assume a validated document and are deterministic
// (no timestamps; docx/xlsx carry a creation date taken from the header date).

// Markdown: headings, paragraphs, lists, pipe tables with flattened headers, footnotes [^n].
std::string to_markdown(const Document& doc);

// One self-contained printable HTML page (A4 print CSS, charts as inline SVG).
std::string to_html(const Document& doc);

// One CSV text per table: UTF-8 with BOM, comma separated, CRLF line ends, RFC 4180
// quoting; one flattened header line; numbers written plainly with a point decimal and no
// thousands separator, rounded to the cell's decimals as the report prints them
// (47.82, 1986281), so the file re-imports to exactly the printed figures; empty and NaN
// cells empty; a body cell spanning columns is followed by empty fields.
std::vector<std::string> to_csv(const Document& doc);

// The bytes of a .docx package (WordprocessingML, built in memory with libzip).
std::string to_docx(const Document& doc);

// Writes an .xlsx workbook to `path` directly (write() passes its temporary file and the
// target as `shown`, the path named in error messages; empty means `path`).
void write_xlsx(const Document& doc, const std::filesystem::path& path,
                const std::filesystem::path& shown = {});

// Creation time used in docx/xlsx metadata: the header date at 00:00 UTC, or
// 2000-01-01 when the header has no valid date.
long long creation_time(const Document& doc);

}  // namespace ntm::report
