// A province named on the command line (code or name, accents optional), found in any store
// through store::Connection: for `ntm user` on a server and for `ntm copy` between stores.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/connection.h"

namespace ntm::app {

// "máy chủ PostgreSQL socket … (cơ sở dữ liệu "ntm")" or "tệp /x/ntm.db": where the connection's
// data is, for messages; where_suffix puts " trên " or " trong " before it.
std::string describe(const store::Connection& conn);
std::string where_suffix(const store::Connection& conn);

// Throws std::runtime_error naming the server when its database has no ntm schema, or one of
// another version than this program's (no PostgreSQL migration exists yet).
void require_current_schema(store::PgConnection& conn);

// The province code that `given` names: "" for "all" or ""; a code as given when a province
// carries it; else the province whose name (accents and "Tỉnh"/"Thành phố" optional) folds to
// the same text, a current name winning over an old one. Throws std::invalid_argument naming
// --province when there is none (with suggestions) or the name is ambiguous.
std::string province_code(store::Connection& conn, const std::string& given);

// The name of the province carrying `code`: its current name, else its latest; "" for none.
std::string province_name(store::Connection& conn, const std::string& code);

// The province identity (unit id) carrying `code`: the one whose period is open, else the only
// one; 0 when no province carries it. The rule by which a server's users get their province.
std::int64_t province_id(store::Connection& conn, const std::string& code);

// Every province identity (unit id) that carried `code`, or, when `given` is a name rather than
// the code, those of them that carried that name (all of them when none did): the old Bắc Giang
// and the Bắc Ninh of 2025 both carry code 24, "Bắc Giang" names the first only.
std::vector<std::int64_t> province_identities(store::Connection& conn, const std::string& code, const std::string& given);

}  // namespace ntm::app
