#pragma once
// A page's template: the skeleton of its markup — element names, nesting and class tokens —
// with text, attributes other than class, and scripts' contents left out. Shops cloned from one
// kit share it whatever products and prices they show; two pages of different kits differ in
// it. Fed one element at a time by the extraction's tree walk (no second parse), hashed as it
// goes with 128-bit FNV-1a: an identity of the skeleton, not a defence against collisions.
#include <cstddef>
#include <string>
#include <string_view>

namespace geocrawl {

// GCC's and Clang's 128-bit integer; __extension__ tells -Wpedantic it is meant.
__extension__ typedef unsigned __int128 fingerprint_word;

class template_fingerprint {
 public:
  // An element opens: its lower-case name and its class attribute as written.
  void open(std::string_view name, std::string_view class_attribute);
  void close();

  std::size_t elements() const { return elements_; }
  // 32 hex digits.
  std::string hex() const;

 private:
  void mix(std::string_view bytes);

  // FNV-1a's 128-bit offset basis.
  fingerprint_word hash_ =
      (static_cast<fingerprint_word>(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;
  std::size_t elements_ = 0;
};

}  // namespace geocrawl
