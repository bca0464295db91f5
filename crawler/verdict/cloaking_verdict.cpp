#include "crawler/verdict/cloaking_verdict.hpp"

#include <array>

namespace geocrawl {

namespace {

constexpr std::array all_verdicts{cloaking_verdict::consistent, cloaking_verdict::cloaked,
                                  cloaking_verdict::inconclusive, cloaking_verdict::unreachable};

}  // namespace

std::string_view to_string(cloaking_verdict verdict) noexcept {
  switch (verdict) {
    case cloaking_verdict::consistent:
      return "consistent";
    case cloaking_verdict::cloaked:
      return "cloaked";
    case cloaking_verdict::inconclusive:
      return "inconclusive";
    case cloaking_verdict::unreachable:
      return "unreachable";
  }
  return "unknown";
}

std::string_view to_string(const std::optional<cloaking_verdict>& verdict) noexcept {
  return verdict ? to_string(*verdict) : "";
}

std::optional<cloaking_verdict> parse_cloaking_verdict(std::string_view word) noexcept {
  for (const auto verdict : all_verdicts) {
    if (to_string(verdict) == word) return verdict;
  }
  return std::nullopt;
}

}  // namespace geocrawl
