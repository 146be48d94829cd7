// The report document model: what a report script builds and every writer reads.
// Plain data (no Lua, no SQLite). The layout follows Nghị định 30/2020/NĐ-CP: a header
// block (issuing body, number, place and date, document kind, title), a sequence of
// blocks (headings, paragraphs, lists, annex tables, charts, page breaks) and a sign-off
// block ("Nơi nhận:" and the signature).
#pragma once

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/text.h"

namespace ntm::report {

// The national title and motto printed on the right of the header block.
inline constexpr std::string_view kNationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
inline constexpr std::string_view kNationalMotto = "Độc lập - Tự do - Hạnh phúc";

// Thrown by validate() (and so by write()) when the document is inconsistent, e.g. a
// table row narrower than its header. The message is Vietnamese and names the table.
class DocumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Align { Auto, Left, Center, Right, Justify };

// A piece of paragraph text. When `footnote` is not empty, a footnote reference mark
// follows `text` and `footnote` is the footnote's text (footnotes are numbered 1, 2, ...
// in document order). `text` may be empty for a bare footnote mark.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
  std::string footnote;
};

// Heading of level 1..4. The numbering ("I.", "1.", "a)") is part of the text.
struct Heading {
  int level = 1;
  std::string text;
};

// A body paragraph (justified, first-line indent in docx).
struct Paragraph {
  std::vector<Run> runs;
  Align align = Align::Justify;
};

// One list item; level 0 is the outer level ("-" or "1."), level 1 nested ("+" or "a)").
struct ListItem {
  std::vector<Run> runs;
  int level = 0;
};

struct List {
  bool numbered = false;
  std::vector<ListItem> items;
};

// How a number cell is shown. Integer: no decimals; Decimal: `decimals` places;
// Percent: the value is already in percent units (47.82 means 47,82 %) and is printed
// without a sign, the column header says "(%)"; Money: amounts in million VND.
enum class NumberKind { Integer, Decimal, Percent, Money };

// A table body cell: empty, text, or a number with its display format. Numbers are
// printed the Vietnamese way ("1.986.281", "47,82") by display_text().
struct Cell {
  enum class Kind { Empty, Text, Number };
  Kind kind = Kind::Empty;
  std::string text;                  // Kind::Text
  double number = std::nan("");      // Kind::Number; NaN prints as an empty cell
  NumberKind number_kind = NumberKind::Integer;
  int decimals = 0;                  // ignored for Integer
  Rounding rounding = Rounding::HalfUp;
  Align align = Align::Auto;         // Auto: numbers right, text left
  bool bold = false;
  int colspan = 1;                   // a body cell may span columns ("Toàn tỉnh" over TT+Huyện)

  static Cell empty() { return {}; }
  static Cell of_text(std::string text, Align align = Align::Auto);
  static Cell integer(double value);
  static Cell decimal(double value, int decimals, Rounding rounding = Rounding::HalfUp);
  static Cell percent(double value, int decimals = 2, Rounding rounding = Rounding::HalfUp);
  static Cell money(double value, int decimals = 0);
};

// A header cell; spans as in HTML: a cell covered by a row span from an upper header row is
// left out of the lower rows, which are filled left to right in the free columns.
struct HeaderCell {
  std::string text;
  int rowspan = 1;
  int colspan = 1;
};

// An annex table ("Biểu 01. ..."). All body rows, and the totals row, span exactly as
// many columns as the header. `widths` (empty or one per column) are relative column
// widths in Excel character units; empty means computed from the content.
struct Table {
  std::string title;                              // "Biểu 01. Kết quả thực hiện tiêu chí"
  std::string unit;                               // "Đơn vị: triệu đồng" (may be empty)
  std::vector<std::vector<HeaderCell>> header;    // header rows, top first
  std::vector<std::vector<Cell>> rows;            // body rows
  std::vector<Cell> totals;                       // optional totals row, printed bold
  std::vector<double> widths;
  // An annex table starts on a new page headed the official way: "Biểu 01" (the part of the
  // title before ". "), the rest of the title in capitals, then `note` in italics ("(Kèm theo
  // Báo cáo số …/BC-BCĐ ngày …)"). Landscape when `landscape`, or when the table is wide
  // (is_landscape()).
  bool annex = false;
  std::string note;
  enum class Orientation { Auto, Portrait, Landscape } orientation = Orientation::Auto;
  // Spreadsheet writers: an autofilter over the body (a list of units, not a summary).
  bool filter = false;
};

// True when an annex table is printed on a landscape page: asked for, or wider than a
// portrait A4 text width holds (more than 100 character units, or more than 9 columns).
bool is_landscape(const Table& table);

// "Biểu 01" and "Kết quả …" from "Biểu 01. Kết quả …"; label is empty when the title has
// no "Biểu NN. " (or "Phụ lục NN. ") prefix.
struct AnnexTitle {
  std::string label, rest;
};
AnnexTitle split_annex_title(const std::string& title);

// A bar chart: kind Column (vertical bars) or Bar (horizontal bars); several series are
// drawn side by side (clustered) or stacked. Each series has one value per category.
struct Series {
  std::string name;
  std::vector<double> values;
  std::string color;   // "#2f5597"; empty: the writer's palette by position
};

struct Chart {
  enum class Kind { Column, Bar };
  Kind kind = Kind::Column;
  bool stacked = false;
  std::string title;
  std::vector<std::string> categories;
  std::vector<Series> series;
  int decimals = 0;        // for value labels and data tables
  std::string value_axis;  // optional axis title ("Số xã")
  enum class Labels { Auto, All, None } labels = Labels::Auto;   // Auto: no zero labels, none when bars are too thin
  bool line = false;       // a line chart (trend over years) instead of bars
};

// A choropleth map: polygons (lon/lat rings, already matched to units by the caller) filled
// by class, with a legend, a scale bar and a north arrow. Units the caller could not place
// (no boundary on the map) are listed under the map.
struct MapArea {
  std::string code, name;
  int klass = -1;                                   // index into legend; -1: no data (grey)
  std::vector<std::vector<std::pair<double, double>>> rings;   // (lon, lat), outer and holes
};
struct MapLegendItem {
  std::string label, color;                         // "#1a9850"
  int count = 0;                                    // units in the class (printed in the legend)
};
struct MapPicture;   // map_draw.h: Word's picture of the map, drawn ahead on another thread
struct Map {
  std::string title;
  std::vector<MapArea> areas;
  std::vector<MapLegendItem> legend;
  std::vector<std::string> missing;                 // "Xã A (03166)": units without a boundary
  std::string source;                               // attribution line printed under the map
  std::string no_data_label = "Không có số liệu";
  std::vector<std::vector<std::pair<double, double>>> outline;   // optional outer border drawn on top
  std::shared_ptr<const MapPicture> picture;         // set by start_map_png; none: drawn when written
};

struct PageBreak {};

using Block = std::variant<Heading, Paragraph, List, Table, Chart, PageBreak, Map>;

// Header block of the official layout. Blank fields are left out by the writers.
struct Header {
  std::vector<std::string> issuer;  // "UBND TỈNH ĐIỆN BIÊN", "BAN CHỈ ĐẠO CÁC CTMTQG"; the last
                                    // line (the issuing body) is bold, with a rule under it
  std::string number;               // "123/BC-BCĐ", printed "Số: 123/BC-BCĐ"
  std::string place;                // "Điện Biên"
  std::string date;                 // "2020-12-31" or "31/12/2020"; other text printed as is
  std::string kind = "BÁO CÁO";     // document kind
  std::string title;                // trích yếu
};

// Closing block: recipients on the left, signature on the right.
struct SignOff {
  std::vector<std::string> recipients;   // "BCĐ các CT MTQG TW;" (writers add the "- ")
  std::vector<std::string> signer_role;  // "TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"
  std::string signer_name;
};

struct Document {
  Header header;
  std::vector<Block> blocks;
  SignOff sign_off;
  // Where the sign-off block is printed: before blocks[sign_off_at]; at the end when it is
  // past the last block. doc:sign_off{} sets it to the place of the call, so the closing
  // sentence, "Nơi nhận" and the signature come before the annexes as an office signs.
  std::size_t sign_off_at = static_cast<std::size_t>(-1);
  // The first pages in landscape (a wide annex to a decision, such as an allocation plan).
  bool landscape = false;
  // Fields a layout publishes for an office's own Word template (`{{tinh}}`), with their
  // values: single values, and lists whose items fill a repeated table row (`{{xa.ten}}`).
  std::map<std::string, std::string> fields;
  std::map<std::string, std::vector<std::map<std::string, std::string>>> lists;
  // Which code made the document: "SHA256  PATH" lines, one per script the run loaded
  // (app/provenance.h). Not printed; the writers put it in the file's metadata (.docx
  // description, .xlsx comments, an HTML meta element, a Markdown comment).
  std::string provenance;

  // Convenience builders. Each appends a block and returns a reference to it that stays
  // valid until the next block is appended.
  Heading& add_heading(int level, std::string text);
  Paragraph& add_paragraph(std::string text = {});  // one plain run when text is not empty
  List& add_list(bool numbered);
  Table& add_table(std::string title);
  Chart& add_chart(Chart::Kind kind, std::string title);
  void add_page_break();
};

// The most a table may have: Excel's last column (XFD) and last row, less the header.
// Every writer keeps to them, so a document that one format can write, all can.
constexpr int kMaxColumns = 16384;
constexpr std::size_t kMaxRows = 1'048'575;

// Bytes a block holds in memory, roughly (texts plus the fixed size of each part): what a
// layout script's document costs the host, charged against the run's memory limit.
std::size_t approx_bytes(const Block& block);

// Checks the document and throws DocumentError naming the first problem: heading level
// outside 1..4, header spans that overlap, leave holes or run past the header, body rows
// whose width differs from the header's, more than kMaxColumns columns or kMaxRows rows,
// bad widths, a chart series with the wrong
// number of values, a list item level outside 0..3.
void validate(const Document& doc);

// "Điện Biên, ngày 31 tháng 12 năm 2020" (place, comma, format_date_long(date)); either
// part may be blank.
std::string place_and_date(const Header& header);

// True when the header block has something to print (issuer, number, place or date).
bool has_header_block(const Header& header);
// True when the sign-off block has something to print.
bool has_sign_off(const SignOff& sign_off);

// The text a cell shows: text cells as they are, numbers formatted the Vietnamese way
// with the cell's decimals and rounding, empty cells and NaN as "".
std::string display_text(const Cell& cell);

// The value a number cell carries in machine formats (xlsx, csv): the number rounded to
// the cell's decimals with its rounding mode, so every format shows the same figure.
double rounded_value(const Cell& cell);

// The effective alignment of a cell (Auto resolves to Right for numbers, Left for text).
Align resolve(const Cell& cell);

// Where each header cell sits in the header grid.
struct HeaderPlacement {
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  const HeaderCell* cell = nullptr;
};

struct HeaderLayout {
  int rows = 0, cols = 0;
  std::vector<HeaderPlacement> cells;    // in reading order
  std::vector<std::vector<int>> owner;   // owner[r][c]: index into `cells`
};

// Lays out the header rows of `table`; throws DocumentError when spans do not fit.
HeaderLayout layout_header(const Table& table);

// Number of columns: the header's width, or the widest body row without a header.
int column_count(const Table& table);

// One label per column: the texts of the header cells over that column, top to bottom,
// joined with " – " ("Số xã đạt – Số lượng"); a cell spanning rows counts once.
std::vector<std::string> flat_header(const Table& table);

// The widths to use: table.widths when given, else from the content (in character units,
// between 4 and 40).
std::vector<double> column_widths(const Table& table);

// "Không có ranh giới trên bản đồ (3 đơn vị): Xã A (03166), ..." or "" when every unit has one.
std::string missing_line(const Map& map);

// Footnote texts in document order (paragraphs and list items).
std::vector<std::string> footnotes(const Document& doc);

}  // namespace ntm::report
