// SHA-256 of a text, as lower-case hex (OpenSSL's libcrypto does the hashing).
#pragma once

#include <string>
#include <string_view>

namespace ntm {

std::string sha256_hex(std::string_view data);

}  // namespace ntm
