#pragma once
// The UTF-8 byte order mark: charset sniffing reads it, the sites reader skips it, CSV
// export may write it, and the nesting pre-pass steps over it.
#include <string_view>

namespace geocrawl {

inline constexpr std::string_view utf8_byte_order_mark = "\xEF\xBB\xBF";

}  // namespace geocrawl
