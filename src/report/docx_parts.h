// The fixed parts of a .docx package and the zip container (used by write_docx.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/document.h"

namespace ntm::report::docx {

// Page geometry in twips (1/20 pt): A4, margins per Nghị định 30/2020/NĐ-CP
// (top 20 mm, bottom 20 mm, left 30 mm, right 20 mm).
inline constexpr int kPageWidth = 11906, kPageHeight = 16838;
inline constexpr int kMarginTop = 1134, kMarginBottom = 1134, kMarginLeft = 1701, kMarginRight = 1134;
inline constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;  // 9071

inline constexpr const char* kNamespaceW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kNamespaceWp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr const char* kNamespaceR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Relationship ids used by word/document.xml.
inline constexpr const char* kHeaderRel = "rId3";
inline constexpr const char* kFootnotesRel = "rId4";
// "rIdChart1", "rIdChart2", ... for word/charts/chart<n>.xml.
inline std::string chart_rel(int n) { return "rIdChart" + std::to_string(n); }

std::string content_types(bool footnotes, int charts, bool png = false);
std::string root_rels();
// `images`: word/media/map1.png … with ids image_rel(n).
std::string document_rels(bool footnotes, int charts, int images = 0);
inline std::string image_rel(int n) { return "rIdImage" + std::to_string(n); }
// The paragraph holding picture number `n` (word/media/map<n>.png) inline, `width_cm` by
// `height_cm`, centered.
std::string image_drawing(int n, double width_cm, double height_cm, const std::string& description);
// word/header1.xml: the page number, centered (Nghị định 30: from the second page on;
// the section has a distinct, empty first-page header).
std::string page_header();
// Styles: Times New Roman 14 pt body, headings 1..4, table text 12 pt, footnotes 12 pt.
std::string styles();
std::string settings(bool footnotes);
// Core properties with fixed created/modified times (`created` seconds since the epoch).
std::string core(const Document& doc, long long created);
std::string app();
// footnotes.xml: the two separators (ids -1 and 0) and notes with ids 1..n.
std::string footnotes(const std::vector<std::string>& notes);

// word/charts/chart<n>.xml for a validated chart: a DrawingML bar chart whose data are
// literals in the part (no embedded workbook), Times New Roman, value labels on the bars.
std::string chart_part(const Chart& chart);
// The paragraph holding chart number `n` (1-based) as an inline drawing, 15 cm wide.
// Needs the wp and r namespaces declared on the document root.
std::string chart_drawing(const Chart& chart, int n);

// Zips `parts` (name, bytes) in order into an in-memory archive whose entries all carry
// the time `mtime`; throws WriteError when libzip fails.
std::string zip(const std::vector<std::pair<std::string, std::string>>& parts, long long mtime);

}  // namespace ntm::report::docx
