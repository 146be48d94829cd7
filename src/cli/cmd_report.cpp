// ntm report: registered once its issue lands.
#include "cli/commands.h"

namespace ntm::cli {

void add_report(CLI::App&, Global&) {}

}  // namespace ntm::cli
