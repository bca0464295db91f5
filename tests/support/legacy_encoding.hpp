#pragma once
// UTF-8 test text re-encoded in the legacy charsets rogue sites still use.
#include <string>
#include <string_view>

namespace geocrawl::testing {

// icu_name: an ICU converter name such as "windows-31j", "EUC-JP", "ISO-2022-JP",
// "GB18030", "Big5", "windows-949", "windows-1251", "KOI8-R". Throws std::runtime_error when
// ICU cannot convert.
std::string encode_as(std::string_view utf8, const char* icu_name);

}  // namespace geocrawl::testing
