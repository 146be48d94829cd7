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
// A span (`--from/--to`, the JSON of app::run_period): start and end, and the change of the
// communes meeting the standard, the average, each band and each criterion.
void print_period_text(const nlohmann::ordered_json& period, std::ostream& out);
// One row per criterion (then standard and average): start, end, change.
void print_period_csv(const nlohmann::ordered_json& period, std::ostream& out);
// Several provinces (`--province all` or a list; the JSON of app::run_national): the national
// block, then one line per province, then the findings counted by rule and level.
void print_national_text(const nlohmann::ordered_json& national, const nlohmann::ordered_json& findings, std::ostream& out);
// One row per province, then the national row.
void print_national_csv(const nlohmann::ordered_json& national, std::ostream& out);
// A span over several provinces (app::run_national_period): the national change, then each
// province's communes meeting the standard and average at both ends (a province that is not
// the same unit in both years is named, without a change).
void print_national_period_text(const nlohmann::ordered_json& span, std::ostream& out);
void print_national_period_csv(const nlohmann::ordered_json& span, std::ostream& out);
// Findings only: text grouped by rule and district, or CSV rows.
void print_findings_text(const nlohmann::ordered_json& findings, std::ostream& out);
void print_findings_csv(const nlohmann::ordered_json& findings, std::ostream& out);

// "lỗi", "cảnh báo", "thông tin" for the levels error, warning, info (English with --lang en).
std::string level_name(const std::string& level);
// "12 phát hiện (2 lỗi, 10 cảnh báo)".
std::string findings_summary(const nlohmann::ordered_json& findings);

}  // namespace ntm::cli
