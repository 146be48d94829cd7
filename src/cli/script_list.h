// The scripts there are, for help texts (`ntm run --help`, `ntm report --help`,
// `ntm allocate --help`) and `ntm scripts`.
#pragma once

#include <string>
#include <vector>

namespace ntm::cli {

// "Các script có sẵn:" then one line per script of the folders `kinds` (checks, reports,
// allocations, examples) found in the script folders: its name as `ntm run` takes it and the
// first sentence of its description. A user's script hides a shipped one of the same name.
// With `parameters`, each script's --name <type> lines follow it, except those named in
// `skip` (the command's own flags, such as --province and --year of `ntm report`).
std::string script_list(const std::vector<std::string>& kinds, bool parameters = false,
                        const std::string& title = {}, const std::vector<std::string>& skip = {});

}  // namespace ntm::cli
