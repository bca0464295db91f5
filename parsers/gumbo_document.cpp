#include "parsers/gumbo_document.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <utility>

#include "parsers/nesting_guard/html_nesting.hpp"
#include "parsers/numeric_references.hpp"

namespace geocrawl {
namespace {

constexpr std::size_t alignment = alignof(std::max_align_t);
constexpr std::size_t first_block = std::size_t{64} << 10;
constexpr std::size_t max_block = std::size_t{4} << 20;

std::size_t saturating_add(std::size_t a, std::size_t b) {
  return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max()
                                                         : a + b;
}

std::size_t saturating_multiply(std::size_t a, std::size_t b) {
  return b != 0 && a > std::numeric_limits<std::size_t>::max() / b
             ? std::numeric_limits<std::size_t>::max()
             : a * b;
}

std::size_t round_up(std::size_t size) { return (size + alignment - 1) / alignment * alignment; }

}  // namespace

struct gumbo_document::block {
  block* previous;
};

gumbo_limits default_gumbo_limits(std::size_t input_size, std::size_t max_depth) {
  return {max_depth, saturating_add(4096, input_size / 8),
          saturating_add(std::size_t{64} << 20, saturating_multiply(input_size, 64))};
}

gumbo_document::gumbo_document(std::string_view utf8_html, const gumbo_limits& limits)
    : budget_(limits.max_memory), next_block_(first_block) {
  if (auto clamped = clamp_numeric_references(utf8_html)) {
    clamped_html_ = std::move(*clamped);
    utf8_html = clamped_html_;
  }
  const auto usable = utf8_html.substr(
      0, bounded_html_prefix(utf8_html, {limits.max_depth, limits.max_reconstructed}));
  parsed_bytes_ = usable.size();
  output_ = parse(usable);
  truncated_ = output_ == nullptr || usable.size() < utf8_html.size();
}

gumbo_document::~gumbo_document() {
  while (blocks_ != nullptr) std::free(std::exchange(blocks_, blocks_->previous));
}

// When the budget runs out, the allocator longjmps back here. That is sound: only
// gumbo's C frames and take()/grow(), none with destructors, are skipped, and all gumbo
// holds is arena memory, released by the destructor.
const GumboOutput* gumbo_document::parse(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &allocate;
  options.deallocator = &deallocate;
  options.userdata = this;
  options.max_errors = 0;  // nothing here reads them, and each copies the element stack
  if (setjmp(over_budget_) != 0) return nullptr;
  return gumbo_parse_with_options(&options, html.data(), html.size());
}

void* gumbo_document::allocate(void* self, std::size_t size) {
  return static_cast<gumbo_document*>(self)->take(size);
}

// Freed blocks are not reused: gumbo frees about half of what it allocates, and the
// arena is gone a moment later anyway.
void gumbo_document::deallocate(void*, void*) {}

void* gumbo_document::take(std::size_t size) {
  size = round_up(size);
  if (size > static_cast<std::size_t>(end_ - next_)) grow(size);
  return std::exchange(next_, next_ + size);
}

void gumbo_document::grow(std::size_t size) {
  const std::size_t capacity = std::max(size, next_block_);
  if (capacity > budget_ - std::min(used_, budget_)) std::longjmp(over_budget_, 1);
  auto* fresh = static_cast<block*>(std::malloc(round_up(sizeof(block)) + capacity));
  if (fresh == nullptr) std::longjmp(over_budget_, 1);
  fresh->previous = blocks_;
  blocks_ = fresh;
  used_ += capacity;
  next_ = reinterpret_cast<char*>(fresh) + round_up(sizeof(block));
  end_ = next_ + capacity;
  next_block_ = std::min(next_block_ * 2, max_block);
}

}  // namespace geocrawl
