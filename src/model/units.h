// Administrative units of one province, loaded in one query per table, and the
// year-specific data of its communes (indicator values, criterion statuses).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace ntm::store { class Database; }

namespace ntm {

// A name or code that matched nothing. `suggestions` holds the closest names; `value` what
// was asked for, as given (the Lua host tells a wrong command-line argument by it).
class NotFound : public std::runtime_error {
 public:
  NotFound(const std::string& message, std::vector<std::string> suggestions, std::string value = {})
      : std::runtime_error(message), suggestions(std::move(suggestions)), value(std::move(value)) {}
  std::vector<std::string> suggestions;
  std::string value;
};

struct Unit {
  std::string code;
  std::string kind;            // province | district | commune | village
  std::string type;            // tinh, huyen, xa, phuong, thi-tran, thon, ...
  std::string name;
  std::string name_with_type;
  std::string parent;          // parent code ("" for a province)
  std::string region;          // NTM region code, inherited from the province
  bool extremely_difficult = false;
  bool border = false;
  bool mountainous = false;
  std::vector<std::string> tags;
  std::map<std::string, int> recognitions;   // grade → year recognised (not revoked)
  std::string folded;          // fold(name), for matching
};

// One province with its districts, communes and villages. Immutable once loaded.
class Province {
 public:
  // Loads the province with this exact code: 3 queries (units, tags, recognitions).
  static std::shared_ptr<const Province> load(const store::Database& db, const std::string& code);

  const Unit& unit() const { return units_[0]; }
  const std::vector<Unit>& units() const { return units_; }
  const Unit* find(const std::string& code) const;
  // Indexes into units(): districts in code order; rural communes (type 'xa') of the
  // province or of one district, in code order.
  const std::vector<std::size_t>& districts() const { return districts_; }
  std::vector<std::size_t> communes(const std::string& district_code = {}) const;
  std::vector<std::size_t> villages(const std::string& commune_code) const;
  // Finds a district by code or name (accents and case optional; "huyện" prefix optional).
  // Throws NotFound with the closest names.
  const Unit& district(const std::string& name_or_code) const;

 private:
  std::vector<Unit> units_;     // [0] is the province
  std::unordered_map<std::string, std::size_t> by_code_;
  std::vector<std::size_t> districts_;
};

// "; có phải: A, B, C?" ("; did you mean: ...?" in English) for a list of suggestions,
// or "" when there are none. Appended to "not found" messages.
std::string did_you_mean(const std::vector<std::string>& suggestions);

// Finds a province by code ("11") or name ("Điện Biên", "dien bien", "tỉnh Điện Biên").
// Throws NotFound listing the closest province names.
std::string find_province_code(const store::Database& db, const std::string& name_or_code);

}  // namespace ntm
