#pragma once
// Milliseconds since a steady-clock start: how every phase's timing is recorded.
#include <chrono>

namespace geocrawl {

inline std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

}  // namespace geocrawl
