// Allocation engine: splits an amount of money (integer million VND) among units by
// weight, as a People's Council resolution prescribes: set-asides first (reserve, bonus
// pool), then fixed parts, then a weighted split with floors, caps and rounding to a step,
// optionally in two levels (districts, then their communes).
//
// Pure C++: no Lua, no SQLite. The result always adds up exactly to the total, is the
// same whatever the order of the input, and explains each line in Vietnamese.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace ntm {

// Thrown by allocate() on bad input. what() is a Vietnamese sentence that names the
// recipient (or set-aside) and the offending value, fit to show to the user as is.
class AllocationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An amount taken from the total before the split ("dự phòng", a bonus pool).
// Exactly one of `amount` and `share` must be given.
struct SetAside {
  std::string name;
  std::optional<std::int64_t> amount;  // million VND, >= 0, a multiple of the step
  std::optional<double> share;         // fraction of the total in [0, 1]; the amount is
                                       // total × share rounded half-up to the step
};

// One unit that receives money.
struct Recipient {
  std::string code;    // unit code; unique; ties are broken by code (ascending)
  double weight = 0;   // finite, >= 0
  // Bounds on what the recipient receives in all (fixed part included). Multiples of the
  // step, >= 0, floor <= cap, cap >= fixed.
  std::optional<std::int64_t> floor;
  std::optional<std::int64_t> cap;
  // A part given first, outside the weighted split (>= 0, a multiple of the step).
  std::optional<std::int64_t> fixed;
  std::string group;                       // label shown in the explanation ("Nhóm 2"); may be empty
  std::optional<double> coefficient;       // shown in the explanation only; finite
  std::string district;                    // district code or name; required when by_district
  std::optional<double> counterpart_ratio; // vốn đối ứng as a fraction of the amount; finite, >= 0
};

struct AllocationRequest {
  std::int64_t total = 0;  // million VND, >= 0, a multiple of step
  std::int64_t step = 1;   // rounding step, > 0
  std::vector<SetAside> set_asides;
  std::vector<Recipient> recipients;  // not empty
  // Two levels: split the pool among districts by the sum of their recipients' weights
  // (and of their floors and caps), then each district's amount among its recipients.
  bool by_district = false;
};

// One machine-readable item of a line's explanation, for JSON output.
struct ExplanationItem {
  // In this order, those that apply: "group", "coefficient", "district", "district_amount"
  // (two-level), "fixed", "weight", "weight_fraction" (of the weights not held, or of all
  // when held), "base" (the amount that fraction is of), "proportional", "share", "floor",
  // "floor_applied", "cap", "cap_applied", "step", "rounding_adjustment", "weighted",
  // "amount", "counterpart_ratio", "counterpart".
  std::string key;
  std::variant<std::int64_t, double, std::string, bool> value;
};

struct AllocationLine {
  std::string code;
  std::string group;
  std::string district;
  double weight = 0;
  // The exact (pre-rounding) weighted share, after floors and caps: for a recipient held at
  // its floor or cap this is that bound minus the fixed part; else base × weight / Σweights
  // of the recipients not held, where base is what the held ones left of the pool (or of the
  // district's amount in two-level mode).
  double share = 0;
  // pool × weight / Σweights with no floors or caps (within the district when by_district).
  double proportional = 0;
  std::int64_t fixed = 0;     // the fixed part
  std::int64_t weighted = 0;  // the weighted part: a multiple of the step
  std::int64_t amount = 0;    // fixed + weighted: what the recipient receives
  bool floor_applied = false; // raised to its floor
  bool cap_applied = false;   // lowered to its cap
  // weighted − share floored to the step: 0, or +step for the largest remainders.
  std::int64_t rounding_adjustment = 0;
  std::optional<double> coefficient;
  std::optional<double> counterpart_ratio;
  std::optional<std::int64_t> counterpart;  // amount × ratio rounded half-up; not in the total
  std::string explanation;  // e.g. "Nhóm 2 (hệ số 1,5); tỷ trọng 3,21% của 460.300 → 14.776,2;
                            //  làm tròn theo bước 1: +1; = 14.777"
  std::vector<ExplanationItem> details;  // the same, structured
};

struct SetAsideLine {
  std::string name;
  std::optional<double> share;  // as requested
  std::int64_t amount = 0;
};

// Totals of the recipients of one district (reported whenever any recipient has one).
struct DistrictTotal {
  std::string district;
  double weight = 0;            // Σ weights
  double share = 0;             // exact pre-rounding share of the pool (two-level mode),
                                // else Σ of the lines' shares
  std::int64_t fixed = 0;       // Σ fixed parts
  std::int64_t weighted = 0;    // Σ weighted parts
  std::int64_t amount = 0;      // Σ amounts
  std::int64_t counterpart = 0; // Σ counterparts
  int recipients = 0;
};

struct AllocationResult {
  std::int64_t total = 0;
  std::int64_t step = 1;
  std::vector<SetAsideLine> set_asides;  // in request order
  std::int64_t set_aside_total = 0;
  std::int64_t fixed_total = 0;
  std::int64_t pool = 0;  // split by weight: total − set-asides − fixed parts
  std::vector<AllocationLine> lines;      // sorted by code
  std::vector<DistrictTotal> districts;   // sorted by district; empty when none is given
  std::int64_t counterpart_total = 0;
  // set_aside_total + Σ line.amount == total, always.
};

// Splits request.total. Weighted amounts use largest-remainder rounding at the step (each
// exact share floored to the step, the remaining steps to the largest remainders, ties by
// code ascending); floors and caps by water-filling (held recipients get their bound, the
// rest is re-split by weight until stable). Exact integer arithmetic decides every amount.
// Throws AllocationError on bad or infeasible input.
AllocationResult allocate(const AllocationRequest& request);

}  // namespace ntm
