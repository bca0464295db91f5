#pragma once
// A document analysis as bytes, to be stored and read back by a later run: every field,
// lengths as varints, in one fixed order. Reading checks every length against what is
// left, so a damaged record is refused (and the page analysed again), never trusted.
#include <optional>
#include <string>
#include <string_view>

#include "parsers/page_analysis.hpp"

namespace geocrawl {

std::string serialize_analysis(const document_analysis& analysis);

// nullopt for bytes that are not a whole record of this layout.
std::optional<document_analysis> deserialize_analysis(std::string_view record);

}  // namespace geocrawl
