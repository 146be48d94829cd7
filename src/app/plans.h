// Allocation plans: what a formula script made with ntm.allocate, turned into a plan that
// can be printed, saved as a named version (tables allocation_plan, allocation_line),
// listed, shown again and compared with another version.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "lua/allocation.h"
#include "model/allocate.h"
#include "report/document.h"
#include "report/profile.h"
#include "store/database.h"

namespace ntm {

namespace app {

// A failure about plans (unknown name, a name already taken, a recipient that is not a
// unit). The message is Vietnamese, fit to show as is.
class PlanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PlanLine {
  std::string code, name, district;
  double weight = 0;
  std::int64_t amount = 0;
  std::optional<std::int64_t> counterpart;     // vốn đối ứng, outside the total
  std::string explanation;
  // Only for a plan fresh from a run (not stored):
  std::string group;
  std::optional<double> coefficient;
  std::vector<ExplanationItem> details;
};

struct PlanDistrict {
  std::string district;
  int recipients = 0;
  double weight = 0;
  std::int64_t amount = 0;
  std::int64_t counterpart = 0;
};

struct Plan {
  std::int64_t id = 0;            // 0 until saved
  std::string name;               // saved name; empty for a fresh run
  std::string formula;            // the script as named on the command line
  std::string formula_sha256;
  std::string formula_source;
  std::map<std::string, std::string> scripts;   // every script the run loaded → SHA-256 (app/provenance.h)
  std::string params;             // JSON, see params_json()
  std::string inputs_hash;        // see inputs_hash()
  std::string province;           // province code, empty when unknown
  std::string map_date;           // ISO: the map the plan's codes are units of (31/12 of its year by default)
  std::string province_name;      // its name (not stored: read from the unit table)
  std::optional<int> year;
  std::int64_t total = 0;         // everything, set-asides included
  std::string created;            // UTC, "2026-11-22T15:51:04Z"; empty until saved
  std::vector<SetAsideLine> set_asides;
  std::vector<PlanLine> lines;    // sorted by code
  bool has_counterpart = false;   // some line carries a counterpart

  std::int64_t set_aside_total() const;
  std::int64_t lines_total() const;   // Σ amounts = total − set-asides
};

// The parameters stored with a plan, as compact JSON with sorted keys:
//   {"args": {name: value as given on the command line, ...},
//    "by_district": bool, "set_asides": [{"name", "amount", "share"?}], "step": N}
// `args` holds the script parameters (province, year, total — normalised to digits — and
// the formula's own); the rest is what the formula passed to ntm.allocate.
std::string params_json(const std::map<std::string, std::string>& args, const AllocatedPlan& run);

// The inputs hash: SHA-256 (hex) of this UTF-8 text, one item per line:
//   "ntm-allocation-inputs-v1"
//   "params " + params_json
//   "total N", "step N", "by_district 0|1"
//   "set_aside NAME\tAMOUNT|-\tSHARE|-"                         per set-aside, in order
//   "recipient CODE\tWEIGHT\tFIXED|-\tFLOOR|-\tCAP|-\tDISTRICT\tRATIO|-"   sorted by code
// (numbers as integers, reals as %.17g). Two runs with the same hash split the same money
// among the same recipients with the same weights and bounds, whatever the order of input.
std::string inputs_hash(const AllocatedPlan& run, const std::string& params);

// Builds the plan of a run: lines with names and districts, params, hashes.
Plan plan_from_run(const AllocatedPlan& run, const std::string& formula, const std::string& formula_source,
                   const std::map<std::string, std::string>& args, const std::string& province_code,
                   std::optional<int> year);

// Totals per district, sorted by district name; empty when no line has a district.
std::vector<PlanDistrict> district_totals(const Plan& plan);

// True when a plan with this name is stored.
bool plan_exists(const store::Database& db, const std::string& name);

// Stores `plan` under `plan.name` in one transaction, sets plan.id (and plan.created when
// empty, to the current UTC time) and returns the id. A name already
// stored is a PlanError unless `replace` (then the old version and its lines are deleted in
// the same transaction). Every line's code must be a unit of the database (PlanError naming
// the first that is not). On any failure nothing is written.
std::int64_t save_plan(store::Database& db, Plan& plan, bool replace);

struct PlanSummary {
  std::int64_t id = 0;
  std::string name, formula, province, created;
  std::optional<int> year;
  std::int64_t total = 0;
  int lines = 0;
  std::string inputs_hash;
};

// Stored plans by name.
std::vector<PlanSummary> list_plans(const store::Database& db);

// A stored plan with its lines (names and districts from the unit table). PlanError when
// there is no plan of that name (the message suggests the closest names).
Plan load_plan(const store::Database& db, const std::string& name);

struct DiffLine {
  std::string code, name, district;
  std::optional<std::int64_t> a, b;   // nullopt: the recipient is not in that plan
  std::int64_t difference() const { return b.value_or(0) - a.value_or(0); }
};

struct PlanDiff {
  std::vector<DiffLine> lines;        // union of recipients, by code
  std::int64_t total_a = 0, total_b = 0;
  int only_a = 0, only_b = 0, changed = 0;
};

PlanDiff diff_plans(const Plan& a, const Plan& b);

// The plan as JSON text (2-space indent, keys in a fixed order, no timestamps unless the
// plan is saved): name?, formula, province, year, total, set_asides, set_aside_total,
// counterpart_total?, lines [{code, name, district, weight, amount, counterpart?,
// explanation, group?, coefficient?, details?}], by_district {name: {recipients, weight,
// amount, counterpart?}}. Deterministic: the same plan gives the same bytes.
std::string plan_json(const Plan& plan);

// The plan as an annex to a decision (landscape, official header: issuer from `profile` or
// the province, "PHỤ LỤC", "(Kèm theo Quyết định số …)"), with one table of lines with a
// totals row and one by district, for the report writers (.xlsx, .docx, .html, .md, .csv).
report::Document plan_document(const Plan& plan, const report::Profile* profile = nullptr);

}  // namespace app
}  // namespace ntm
