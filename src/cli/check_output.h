// Printing a criteria review (the JSON `ntm check` produces) as text or CSV.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace ntm::cli {

// The review for a person: bands, average, communes per criterion, districts, then the
// findings grouped by rule and by district.
void print_review_text(const nlohmann::ordered_json& review, std::ostream& out);
// One row per commune: code, name, district, count, then 1/0 per criterion.
void print_review_csv(const nlohmann::ordered_json& review, std::ostream& out);
// Findings only: text grouped by rule and district, or CSV rows.
void print_findings_text(const nlohmann::ordered_json& findings, std::ostream& out);
void print_findings_csv(const nlohmann::ordered_json& findings, std::ostream& out);

// "lỗi", "cảnh báo", "thông tin" for the levels error, warning, info (English with --lang en).
std::string level_name(const std::string& level);
// "12 phát hiện (2 lỗi, 10 cảnh báo)".
std::string findings_summary(const nlohmann::ordered_json& findings);

}  // namespace ntm::cli
