#pragma once
// Documented placeholder and shared-service identifiers — UA-000000-1, G-XXXXXXXXXX, addresses
// at example.com, 0120-000-000, public gateways' checkout hosts — which link nothing however
// many sites show them. The shipped list is data/networks/placeholder_identifiers.tsv (each
// line names its source), compiled in; [networks] ignore adds a deployment's own.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/page_identifier.hpp"

namespace geocrawl {

class placeholder_ids {
 public:
  // The shipped list and `extra` ("kind:value" each, the same patterns as the TSV's).
  // Throws std::invalid_argument naming a line or entry whose kind is not a kind word.
  explicit placeholder_ids(const std::vector<std::string>& extra = {});

  bool matches(identifier_kind kind, std::string_view value) const;

 private:
  struct entry {
    identifier_kind kind;
    std::string pattern;  // a leading '*' matches any beginning
  };
  void add(std::string_view kind_word, std::string_view pattern, std::string_view where);
  std::vector<entry> entries_;
};

}  // namespace geocrawl
