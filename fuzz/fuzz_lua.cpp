// Fuzzes the Lua binding surface. An input that starts with "--" is a whole script (seeds:
// the attack corpus of tests/sandbox/); any other input chooses calls of bound functions with
// arguments from a pool of awkward values (nil, NaN, huge integers, wrong handles, long
// strings, tables with metatables...), each made under pcall. Either way the host must never
// crash and must end every run with a clean result or a ScriptError, under small limits.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/run.h"
#include "fuzz_support.h"
#include "lua/host.h"

namespace {

const char* kFunctions[] = {
    "ntm.province", "ntm.sql", "ntm.log", "ntm.use", "ntm.params", "ntm.criteria", "ntm.finding",
    "ntm.fmt.number", "ntm.fmt.percent", "ntm.fmt.money", "ntm.fmt.date", "ntm.fmt.round",
    "P.districts", "P.district", "P.communes", "P.tags", "P.years",
    "X.met", "X.status", "X.assessed", "X.count_met", "X.value", "X.threshold", "X.has_tag", "X.recognised",
    "L.count", "L.missing", "L.meeting", "L.filter", "L.names", "L.codes", "D.communes",
    "string.rep", "string.format", "string.find", "string.gsub", "table.concat", "table.unpack", "load", "setmetatable",
};
const char* kValues[] = {
    "nil", "0", "-1", "1", "2020", "19", "17", "0/0", "1/0", "math.maxinteger", "math.mininteger", "2^53", "-2^63",
    "''", "'11'", "'dien bien'", "'Nậm Pồ'", "'17.3'", "'%d'", "'half-even'", "'truncate'", "'2020-12-31'",
    "string.rep('a', 300)", "'SELECT 1'", "'DELETE FROM unit'", "'review'", "'../../etc/passwd'",
    "{}", "{year = 2020}", "{year = 2019, tag = 'x'}", "{decimals = 99}", "{rule = 'r', message = 'm'}",
    "{unit = X, rule = 'r', message = 'm'}", "setmetatable({}, {__index = function() error('boom') end})",
    "P", "X", "L", "D", "print", "function() return 1 end", "function() while true do end end", "true", "false",
};

// The calls the bytes choose, four bytes a call: function, then three arguments.
std::string calls(const std::uint8_t* data, std::size_t size) {
  std::ostringstream script;
  script << "local P = ntm.province('11')\nlocal L = P:communes{year = 2020}\nlocal X = L[1]\n"
            "local D = P:districts()[1]\n";
  constexpr std::size_t nf = sizeof kFunctions / sizeof *kFunctions, nv = sizeof kValues / sizeof *kValues;
  for (std::size_t i = 0; i + 3 < size && i < 64; i += 4) {
    std::string f = kFunctions[data[i] % nf];
    std::string a = kValues[data[i + 1] % nv], b = kValues[data[i + 2] % nv], c = kValues[data[i + 3] % nv];
    // Methods take their object first.
    if (f[1] == '.' && (f[0] == 'P' || f[0] == 'X' || f[0] == 'L' || f[0] == 'D'))
      script << "pcall(" << f << ", " << f.substr(0, 1) << ", " << a << ", " << b << ")\n";
    else
      script << "pcall(" << f << ", " << a << ", " << b << ", " << c << ")\n";
  }
  return script.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bool source = size >= 2 && data[0] == '-' && data[1] == '-';
  std::filesystem::path file = std::filesystem::temp_directory_path() / "ntm-fuzz-lua.lua";
  {
    std::ofstream out(file, std::ios::binary);
    if (source)
      out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    else
      out << calls(data, size);
  }
  ntm::lua::Limits limits;
  limits.seconds = 1;
  limits.memory_bytes = 64u << 20;
  limits.instructions = 2'000'000;
  limits.max_string_bytes = 8u << 20;
  std::ostringstream out, err;
  ntm::fuzz::as_cli([&] { ntm::app::run_script(ntm::fuzz::sample_database("ntm-fuzz-lua.db"), file, {}, limits, out, err); },
                    false);
  return 0;
}
