#include "crawler/cli/verdict_words.hpp"

#include "crawler/cli/command_line_words.hpp"

namespace geocrawl {

std::vector<cloaking_verdict> parse_verdict_words(std::string_view flag,
                                                  const std::vector<std::string>& words) {
  std::vector<cloaking_verdict> verdicts;
  for (const auto& word : words) {
    const auto verdict = parse_cloaking_verdict(word);
    if (!verdict) {
      std::vector<std::string> valid;
      for (const auto known : {cloaking_verdict::consistent, cloaking_verdict::cloaked,
                               cloaking_verdict::inconclusive, cloaking_verdict::unreachable})
        valid.emplace_back(to_string(known));
      throw unknown_name(flag, word, "verdict", "", valid);
    }
    verdicts.push_back(*verdict);
  }
  return verdicts;
}

}  // namespace geocrawl
